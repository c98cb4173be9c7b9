package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationFilter;
import java.util.Objects;

/**
 * What one cycle works on and how.
 *
 * @param filter            which Applications
 * @param dryRun            decide and log, but write nothing
 * @param maxConcurrentApps how many Applications are processed at once
 */
public record CycleOptions(ApplicationFilter filter, boolean dryRun, int maxConcurrentApps) {
    public CycleOptions {
        Objects.requireNonNull(filter, "filter");
        if (maxConcurrentApps < 1) {
            throw new IllegalArgumentException("max-concurrent-apps must be at least 1, not " + maxConcurrentApps);
        }
    }
}
