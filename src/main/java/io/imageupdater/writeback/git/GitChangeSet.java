package io.imageupdater.writeback.git;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.writeback.PlannedChange;
import java.util.List;
import java.util.Objects;

/**
 * The decided changes of one Application that go to Git.
 *
 * @param app     the Application
 * @param config  its write-back settings (credentials, target, branch, repository)
 * @param changes its changes, at least one
 */
public record GitChangeSet(ArgoApplication app, WriteBackConfig config, List<PlannedChange> changes) {
    public GitChangeSet {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(config, "config");
        changes = List.copyOf(changes);
    }

    public GitDestination destination() {
        return GitDestination.of(app, config, changes);
    }

    /** What this set must share with others to go into the same commit. */
    public GitWriteKey writeKey() {
        return GitWriteKey.of(this);
    }
}
