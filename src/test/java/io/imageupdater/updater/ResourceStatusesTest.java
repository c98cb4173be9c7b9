package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Error condition's reason comes from the failure's typed reason, whatever its message says. */
class ResourceStatusesTest {
    private static final ImageUpdaterResource RESOURCE =
            new ImageUpdaterResource("team", "shop", 1, Instant.EPOCH, "1", null, null);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "registry error whose message has no known prefix",
                        image(FailureReason.REGISTRY_ERROR, "timeout talking to registry.example.com"),
                        "RegistryError"),
                Arguments.of(
                        "write-back failure whose message reads like a registry error",
                        image(FailureReason.WRITE_BACK_FAILED, "could not list the tags of the branch"),
                        "WriteBackFailed"),
                Arguments.of(
                        "abandoned image",
                        image(FailureReason.ABANDONED, "abandoned: the cycle ran longer than cycle-timeout (10m)"),
                        "CycleAbandoned"),
                Arguments.of(
                        "application error that mentions a patch but is a bad spec",
                        new ApplicationResult(
                                "team/web",
                                List.of(),
                                List.of(new ApplicationError(
                                        FailureReason.INVALID_SPEC, "write-back-method \"patch\" is unknown"))),
                        "InvalidSpec"),
                Arguments.of(
                        "application write-back failure without the words",
                        new ApplicationResult(
                                "team/web",
                                List.of(),
                                List.of(new ApplicationError(FailureReason.WRITE_BACK_FAILED, "forbidden"))),
                        "WriteBackFailed"));
    }

    private static ApplicationResult image(FailureReason reason, String message) {
        return new ApplicationResult("team/web", List.of(ImageOutcome.error("web", reason, message)), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void errorConditionReasonIsTheTypedReason(String name, ApplicationResult app, String reason) {
        ResourceResult result = new ResourceResult(RESOURCE, List.of(app), 1, List.of());

        ImageUpdaterStatus status = ResourceStatuses.next(null, result, Instant.parse("2026-01-01T00:00:00Z"));

        assertEquals(reason, status.condition(ImageUpdaterStatus.ERROR).reason());
        assertEquals(reason, status.condition(ImageUpdaterStatus.READY).reason());
    }

    @org.junit.jupiter.api.Test
    void theMergePatchNamesEveryOwnedFieldAndRemovesThoseNoLongerSet() {
        ImageUpdaterStatus status =
                new ImageUpdaterStatus(3L, "2026-01-01T00:00:00Z", null, 0, 0, List.of(), List.of());

        @SuppressWarnings("unchecked")
        Map<String, Object> fields =
                (Map<String, Object>) StatusPatch.of(status).get("status");

        assertEquals(3, ((Number) fields.get("observedGeneration")).intValue());
        assertEquals("2026-01-01T00:00:00Z", fields.get("lastCheckedAt"));
        assertEquals(0, ((Number) fields.get("applicationsMatched")).intValue());
        for (String removed : List.of("lastUpdatedAt", "recentUpdates", "conditions")) {
            assertEquals(true, fields.containsKey(removed), removed);
            assertEquals(null, fields.get(removed), removed);
        }
    }

    @org.junit.jupiter.api.Test
    void aMalformedStoredCheckTimeIsToleratedAndRewritten() {
        ResourceResult result = new ResourceResult(RESOURCE, List.of(), 0, List.of());
        ImageUpdaterStatus next = ResourceStatuses.next(null, result, Instant.parse("2026-01-01T00:00:00Z"));
        ImageUpdaterStatus stored = new ImageUpdaterStatus(
                next.observedGeneration(),
                "yesterday",
                next.lastUpdatedAt(),
                next.applicationsMatched(),
                next.imagesManaged(),
                next.recentUpdates(),
                next.conditions());

        assertEquals(true, ResourceStatuses.changed(stored, next));
    }
}
