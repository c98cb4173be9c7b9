package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.gate.BlockedVersions;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.updater.SafetyState.ImageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The safety annotations are written over the Application as read just before, so what others added survives. */
class SafetyChangesTest {
    private static final ImageRef WEB = ImageRef.parse("ghcr.io/acme/web");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void onlyTheUsedApprovalAndResumeEntriesAreRemovedAndBlockedVersionsAreAdded() {
        SafetyState state = SafetyState.EMPTY.with("web", ImageRecord.written("1.2.0", "1.1.0", NOW, null, true));
        SafetyChanges changes = new SafetyChanges(
                state,
                List.of(new ImageChange("web", WEB.withTag("1.1.0"), WEB.withTag("1.2.0"))),
                Set.of("web"),
                List.of(new BlockedVersions.Entry("api", null, "2.0.0", null)),
                List.of(),
                List.of(),
                false);

        Map<String, String> wanted = changes.apply(Map.of(
                Annotations.APPROVE, "web=1.2.0,api=3.0.0",
                Annotations.RESUME, "web,api",
                Annotations.BLOCKED_VERSIONS, "api=1.0.0"));

        assertEquals("api=3.0.0", wanted.get(Annotations.APPROVE), "an approval added meanwhile survives");
        assertEquals("api", wanted.get(Annotations.RESUME));
        assertEquals("api=1.0.0,api=2.0.0", wanted.get(Annotations.BLOCKED_VERSIONS));
        assertEquals(state, SafetyState.parse(wanted.get(Annotations.SAFETY_STATE)), "the record round-trips");
    }

    @Test
    void theLastApprovalEntryRemovesTheAnnotation() {
        SafetyChanges changes = new SafetyChanges(
                SafetyState.EMPTY,
                List.of(new ImageChange("web", WEB.withTag("1.1.0"), WEB.withTag("1.2.0"))),
                Set.of(),
                List.of(),
                List.of(),
                List.of(),
                true);

        Map<String, String> wanted = changes.apply(Map.of(Annotations.APPROVE, "web=1.2.0"));

        assertEquals(Set.of(Annotations.APPROVE), wanted.keySet());
        assertNull(wanted.get(Annotations.APPROVE));
    }

    @Test
    void aRecordThatIsNotTheUpdatersJsonCountsAsEmpty() {
        assertEquals(SafetyState.EMPTY, SafetyState.parse("not json"));
        assertEquals(SafetyState.EMPTY, SafetyState.parse(""));
    }
}
