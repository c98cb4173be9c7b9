package io.imageupdater.updater;

import io.imageupdater.writeback.PlannedChange;
import java.util.List;

/**
 * What the cycle decided for one Application, before writing back.
 *
 * @param outcomes one outcome per image
 * @param changes  the changes to write (the UPDATE outcomes with their image settings)
 * @param failure  why deciding failed as a whole, or {@code null}
 * @param safety   the safety state the decision was made with (approvals, records, now), or {@code null}
 */
record Decision(
        List<ImageOutcome> outcomes, List<PlannedChange> changes, ApplicationError failure, SafetyContext safety) {
    Decision {
        outcomes = List.copyOf(outcomes);
        changes = List.copyOf(changes);
    }

    Decision(List<ImageOutcome> outcomes, List<PlannedChange> changes, ApplicationError failure) {
        this(outcomes, changes, failure, null);
    }

    static Decision failed(ApplicationError failure) {
        return new Decision(List.of(), List.of(), failure);
    }
}
