package io.imageupdater.writeback;

import io.imageupdater.argocd.ArgoApplication;
import java.util.List;

/** Writes decided image changes to where an Application takes its images from. */
public interface WriteBack {
    /**
     * Writes all changes of one Application at once. Never throws for a failed write: the failure is in the
     * result, naming the Application.
     *
     * @param dryRun     compute and report what would change, write nothing
     * @param guard      asked before every write; a refusal fails the write-back without writing
     * @param redecision when the Application changed since the decision, decides again from a fresh read
     */
    WriteResult write(
            ArgoApplication app, List<PlannedChange> changes, boolean dryRun, WriteGuard guard, Redecision redecision);

    /** As above, always allowed, writing the same changes to a fresh copy after a conflict. */
    default WriteResult write(ArgoApplication app, List<PlannedChange> changes, boolean dryRun) {
        return write(app, changes, dryRun, WriteGuard.ALWAYS, Redecision.same(changes));
    }
}
