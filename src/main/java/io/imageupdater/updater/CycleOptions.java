package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationFilter;
import java.time.Duration;
import java.util.Objects;

/**
 * What one cycle works on and how.
 *
 * @param filter            which Applications
 * @param dryRun            decide and log, but write nothing
 * @param maxConcurrentApps how many Applications are processed at once
 * @param annotations       whether Applications outside every ImageUpdater resource are handled from their
 *                          annotations (the 0.x way)
 * @param cycleTimeout      how long a cycle may run; after that its remaining work is abandoned and reported
 */
public record CycleOptions(
        ApplicationFilter filter, boolean dryRun, int maxConcurrentApps, boolean annotations, Duration cycleTimeout) {
    /** The default of {@code cycle-timeout}. */
    public static final Duration DEFAULT_CYCLE_TIMEOUT = Duration.ofMinutes(10);

    public CycleOptions {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(cycleTimeout, "cycleTimeout");
        if (maxConcurrentApps < 1) {
            throw new IllegalArgumentException("max-concurrent-apps must be at least 1, not " + maxConcurrentApps);
        }
        if (cycleTimeout.isZero() || cycleTimeout.isNegative()) {
            throw new IllegalArgumentException("cycle-timeout must be greater than 0, not " + cycleTimeout);
        }
    }

    public CycleOptions(ApplicationFilter filter, boolean dryRun, int maxConcurrentApps, boolean annotations) {
        this(filter, dryRun, maxConcurrentApps, annotations, DEFAULT_CYCLE_TIMEOUT);
    }

    public CycleOptions(ApplicationFilter filter, boolean dryRun, int maxConcurrentApps) {
        this(filter, dryRun, maxConcurrentApps, true);
    }

    /** The same options with another deadline. */
    public CycleOptions withCycleTimeout(Duration timeout) {
        return new CycleOptions(filter, dryRun, maxConcurrentApps, annotations, timeout);
    }
}
