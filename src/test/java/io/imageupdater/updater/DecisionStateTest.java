package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state each outcome carries for the status page: a value, never parsed from its message. */
class DecisionStateTest {
    private static final ImageChange CHANGE =
            new ImageChange("web", ImageRef.parse("r/acme/web:1.4.2"), ImageRef.parse("r/acme/web:1.4.3"));
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("update", ImageOutcome.update(CHANGE), false, DecisionState.UPDATED, "1.4.3"),
                Arguments.of(
                        "update in a dry run", ImageOutcome.update(CHANGE), true, DecisionState.WOULD_UPDATE, "1.4.3"),
                Arguments.of(
                        "current, with the newest",
                        ImageOutcome.of("web", ImageOutcome.Kind.CURRENT, "updated 1.0 → 2.0 (words do not count)")
                                .withNewest("1.4.3"),
                        false,
                        DecisionState.UP_TO_DATE,
                        "1.4.3"),
                Arguments.of(
                        "no candidate",
                        ImageOutcome.of("web", ImageOutcome.Kind.NO_CANDIDATE, "error: looks like one"),
                        false,
                        DecisionState.NO_ELIGIBLE_TAG,
                        null),
                Arguments.of(
                        "not live",
                        ImageOutcome.of("web", ImageOutcome.Kind.NOT_LIVE, "x"),
                        false,
                        DecisionState.NOT_RUNNING,
                        null),
                Arguments.of(
                        "error",
                        ImageOutcome.error("web", FailureReason.REGISTRY_ERROR, "up to date"),
                        false,
                        DecisionState.ERROR,
                        null),
                Arguments.of(
                        "pending approval (a gate)",
                        ImageOutcome.held(
                                ImageOutcome.Kind.PENDING,
                                CHANGE,
                                "approve with …",
                                new ImageOutcome.Hold(ImageOutcome.Hold.APPROVAL, null, null, NOW)),
                        false,
                        DecisionState.PENDING_APPROVAL,
                        "1.4.3"),
                Arguments.of(
                        "outside the window (a gate)",
                        ImageOutcome.held(
                                ImageOutcome.Kind.PENDING,
                                CHANGE,
                                "outside update window until …",
                                new ImageOutcome.Hold(ImageOutcome.Hold.UPDATE_WINDOW, NOW, null, NOW)),
                        false,
                        DecisionState.OUTSIDE_UPDATE_WINDOW,
                        "1.4.3"),
                Arguments.of(
                        "pinned (a gate)",
                        ImageOutcome.held(
                                ImageOutcome.Kind.PINNED,
                                CHANGE,
                                "pinned at 1.4.2",
                                new ImageOutcome.Hold(ImageOutcome.Hold.NEWER_VERSION, null, "1.4.3", NOW)),
                        false,
                        DecisionState.PINNED,
                        "1.4.3"),
                Arguments.of(
                        "rolled back (a gate)",
                        ImageOutcome.rollback(CHANGE, "Degraded after 1.4.2", NOW),
                        false,
                        DecisionState.ROLLED_BACK,
                        "1.4.2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void stateIsCarriedByTheOutcome(
            String name, ImageOutcome outcome, boolean dryRun, DecisionState state, String newest) {
        assertEquals(state, outcome.state(dryRun));
        assertEquals(newest, outcome.newest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void heldOutcomesAreNeitherUpdatesNorErrors(
            String name, ImageOutcome outcome, boolean dryRun, DecisionState state, String newest) {
        if (outcome.kind() == ImageOutcome.Kind.PENDING || outcome.kind() == ImageOutcome.Kind.PINNED) {
            assertFalse(outcome.writes());
            assertNull(outcome.reason());
        }
    }
}
