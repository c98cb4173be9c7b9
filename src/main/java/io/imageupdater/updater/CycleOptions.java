package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationFilter;
import java.util.Objects;

/**
 * What one cycle works on and how.
 *
 * @param filter            which Applications
 * @param dryRun            decide and log, but write nothing
 * @param maxConcurrentApps how many Applications are processed at once
 * @param annotations       whether Applications outside every ImageUpdater resource are handled from their
 *                          annotations (the 0.x way)
 */
public record CycleOptions(ApplicationFilter filter, boolean dryRun, int maxConcurrentApps, boolean annotations) {
    public CycleOptions {
        Objects.requireNonNull(filter, "filter");
        if (maxConcurrentApps < 1) {
            throw new IllegalArgumentException("max-concurrent-apps must be at least 1, not " + maxConcurrentApps);
        }
    }

    public CycleOptions(ApplicationFilter filter, boolean dryRun, int maxConcurrentApps) {
        this(filter, dryRun, maxConcurrentApps, true);
    }
}
