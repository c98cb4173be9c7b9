package io.imageupdater.updater;

import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.writeback.WriteResult;
import java.util.Objects;

/**
 * One Application on its way through a cycle: planned, then decided, written and finished. Each step returns a copy
 * with its part filled in, so the cycle carries one value per Application instead of lists kept in step.
 *
 * @param plan     its plan
 * @param owner    the ImageUpdater resource that handles it, or {@code null} when handled from its annotations
 * @param decision what was decided, once decided
 * @param written  what the write-back did, once written; {@code null} when there was nothing to write
 * @param result   its result, once finished
 */
record PlannedApplication(
        ApplicationPlan plan,
        ImageUpdaterResource owner,
        Decision decision,
        WriteResult written,
        ApplicationResult result) {

    PlannedApplication {
        Objects.requireNonNull(plan, "plan");
    }

    static PlannedApplication of(ApplicationPlan plan, ImageUpdaterResource owner) {
        return new PlannedApplication(plan, owner, null, null, null);
    }

    PlannedApplication decided(Decision decision) {
        return new PlannedApplication(plan, owner, Objects.requireNonNull(decision, "decision"), written, result);
    }

    PlannedApplication written(WriteResult written) {
        return new PlannedApplication(plan, owner, decision, written, result);
    }

    PlannedApplication finished(ApplicationResult result) {
        return new PlannedApplication(plan, owner, decision, written, Objects.requireNonNull(result, "result"));
    }

    /** Whether the decision has changes to write. */
    boolean hasChanges() {
        return decision != null && !decision.changes().isEmpty();
    }

    String ref() {
        return plan.ref();
    }
}
