package io.imageupdater.writeback;

import io.imageupdater.argocd.ArgoApplication;
import java.util.List;

/** Writes decided image changes to where an Application takes its images from. */
public interface WriteBack {
    /**
     * Writes all changes of one Application at once. Never throws for a failed write: the failure is in the
     * result, naming the Application.
     *
     * @param dryRun compute and report what would change, write nothing
     */
    WriteResult write(ArgoApplication app, List<PlannedChange> changes, boolean dryRun);
}
