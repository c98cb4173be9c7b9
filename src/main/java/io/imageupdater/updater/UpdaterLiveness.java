package io.imageupdater.updater;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless this replica is stuck: while it leads (or runs alone) with cycles scheduled, no cycle has completed for
 * {@code 3 × interval + cycle-timeout}, counted from the latest of: cycles scheduled, leadership won, cycle completed.
 * A standby is always live.
 */
@Liveness
@ApplicationScoped
public class UpdaterLiveness implements HealthCheck {
    static final String NAME = "update-cycle-liveness";

    private final CycleStatus status;
    private final Leadership leadership;
    private final Supplier<Duration> limit;
    private final Clock clock;

    @Inject
    public UpdaterLiveness(CycleStatus status, Leadership leadership, CycleRunner runner, Clock clock) {
        this(status, leadership, runner::livenessLimit, clock);
    }

    UpdaterLiveness(CycleStatus status, Leadership leadership, Supplier<Duration> limit, Clock clock) {
        this.status = status;
        this.leadership = leadership;
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Duration limit = this.limit.get();
        Instant since = since(status.scheduledSince(), leadership.leadingSince(), status.lastCompleted());
        boolean stuck = stuck(leadership.mayRunCycles(), since, clock.instant(), limit);
        var response = HealthCheckResponse.named(NAME)
                .status(!stuck)
                .withData("role", leadership.role().name().toLowerCase(Locale.ROOT))
                .withData("limitSeconds", limit.toSeconds());
        if (status.lastCompleted() != null) {
            response.withData("lastCycleCompleted", status.lastCompleted().toString());
        }
        return response.build();
    }

    /**
     * Pure: whether a replica is stuck.
     *
     * @param leading whether it runs cycles (leader, or no election)
     * @param since   from when a completed cycle is expected (see {@link #since}); {@code null}: cycles not scheduled
     */
    static boolean stuck(boolean leading, Instant since, Instant now, Duration limit) {
        return leading && since != null && Duration.between(since, now).compareTo(limit) > 0;
    }

    /** The latest of the times given; {@code null} when cycles are not scheduled. */
    static Instant since(Instant scheduled, Instant leadingSince, Instant lastCompleted) {
        if (scheduled == null) {
            return null;
        }
        return Stream.of(scheduled, leadingSince, lastCompleted)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElseThrow();
    }
}
