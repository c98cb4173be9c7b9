package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.TagSighting;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ImageUpdater status reports rejected candidates and keeps first sightings of tags, which the next start reads
 * back so a restart does not reset a minimum age.
 */
class TrustStatusTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ImageUpdaterResource RESOURCE =
            new ImageUpdaterResource("team", "shop", 1, Instant.EPOCH, "1", null, null);

    private static ImageOutcome updateWithRejections() {
        ImageRef from = ImageRef.parse("ghcr.io/acme/web:1.0.0");
        return ImageOutcome.update(new ImageChange("web", from, from.withTag("1.1.0")))
                .withRejected(List.of(
                        new RejectedCandidate("1.3.0", "sha256:" + "3".repeat(64), "bad signature", "other key"),
                        new RejectedCandidate("1.2.0", "sha256:" + "2".repeat(64), "unsigned", "no signature")));
    }

    @Test
    void rejectedCandidatesAreInTheStatusAndTheOutcomeMessage() {
        ImageOutcome outcome = updateWithRejections();
        ResourceResult result = new ResourceResult(
                RESOURCE, List.of(new ApplicationResult("team/web", List.of(outcome), List.of())), 1, List.of());

        ImageUpdaterStatus status = ResourceStatuses.next(null, result, NOW);

        assertEquals(
                List.of("team/web web 1.3.0 bad signature", "team/web web 1.2.0 unsigned"),
                status.rejectedCandidates().stream()
                        .map(r -> r.application() + " " + r.alias() + " " + r.tag() + " " + r.reason())
                        .toList());
        assertTrue(outcome.message().endsWith("rejected newer candidates: 1.3.0 (bad signature), 1.2.0 (unsigned)"));
        assertTrue(StatusPatch.of(status).toString().contains("rejectedCandidates"));
    }

    @Test
    void newSightingsOrRejectionsMakeTheStatusChange() {
        ResourceResult empty = new ResourceResult(RESOURCE, List.of(), 0, List.of());
        ImageUpdaterStatus before = ResourceStatuses.next(null, empty, NOW);
        ImageUpdaterStatus same = ResourceStatuses.next(before, empty, NOW);
        ImageUpdaterStatus seen = ResourceStatuses.next(
                before, empty, NOW, List.of(new TagSighting("ghcr.io/acme/web", "1.2.0", NOW.toString())));
        assertFalse(ResourceStatuses.changed(before, same));
        assertTrue(ResourceStatuses.changed(before, seen));
    }

    @Test
    void firstSightingsKeptInTheStatusAreReadBackAndTheEarliestWins() {
        FirstSeenTags firstSeen = new FirstSeenTags();
        CandidateGates gates = new CandidateGates(null, settings -> null, firstSeen, new MutableClock(NOW), null);
        ApplicationUpdater updater =
                new ApplicationUpdater(io.imageupdater.credentials.ApplicationCredentialSources.defaults(), gates);
        Instant earlier = NOW.minusSeconds(7200);
        firstSeen.saw("ghcr.io/acme/web", List.of(io.imageupdater.image.Tag.of("1.2.0")), NOW);
        ImageUpdaterStatus stored = new ImageUpdaterStatus(
                1L,
                NOW.toString(),
                null,
                0,
                0,
                List.of(),
                List.of(),
                null,
                null,
                null,
                List.of(),
                List.of(
                        new TagSighting("ghcr.io/acme/web", "1.2.0", earlier.toString()),
                        new TagSighting("ghcr.io/acme/web", "1.3.0", NOW.toString()),
                        new TagSighting("ghcr.io/acme/web", "1.4.0", "not a time")));

        updater.rememberFirstSeen(new ImageUpdaterResource("team", "shop", 1, Instant.EPOCH, "1", null, stored));

        assertEquals(earlier, firstSeen.firstSeen("ghcr.io/acme/web", "1.2.0"));
        assertEquals(NOW, firstSeen.firstSeen("ghcr.io/acme/web", "1.3.0"));
        assertEquals(
                Map.of("1.2.0", earlier.toString(), "1.3.0", NOW.toString()),
                firstSeen.entries(java.util.Set.of("ghcr.io/acme/web"), 10).stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e[1], e -> e[2])));
    }
}
