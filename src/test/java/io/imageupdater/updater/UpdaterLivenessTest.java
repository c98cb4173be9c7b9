package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Liveness from the cycle's own state, with a clock the test moves; no boot. */
class UpdaterLivenessTest {
    private static final Duration INTERVAL = Duration.ofMinutes(2);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** 3 × interval + cycle-timeout. */
    private static final Duration LIMIT = INTERVAL.multipliedBy(3).plus(TIMEOUT);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CycleStatus status = new CycleStatus(clock);
    private final Leadership leadership = new Leadership(clock);
    private final UpdaterLiveness liveness = new UpdaterLiveness(status, leadership, () -> LIMIT, clock);

    private HealthCheckResponse.Status check() {
        return liveness.call().getStatus();
    }

    private void cycleCompletes() {
        status.cycleFinished(new CycleResult(List.of(), List.of(), Duration.ZERO));
    }

    @Test
    void aLeaderWithoutACompletedCycleForTheLimitIsDown() {
        status.scheduled();
        clock.advance(LIMIT);
        assertEquals(HealthCheckResponse.Status.UP, check(), "exactly at the limit");

        clock.advance(Duration.ofSeconds(1));

        assertEquals(HealthCheckResponse.Status.DOWN, check());
    }

    @Test
    void eachCompletedCycleRestartsTheCount() {
        status.scheduled();
        for (int i = 0; i < 5; i++) {
            clock.advance(LIMIT.minusMinutes(1));
            cycleCompletes();
            assertEquals(HealthCheckResponse.Status.UP, check());
        }
        clock.advance(LIMIT.plusSeconds(1));
        assertEquals(HealthCheckResponse.Status.DOWN, check());
    }

    @Test
    void aStandbyIsAlwaysLiveAndANewLeaderGetsTheWholeLimit() {
        status.scheduled();
        leadership.campaign();
        clock.advance(LIMIT.multipliedBy(5));
        assertEquals(HealthCheckResponse.Status.UP, check(), "a standby runs no cycles");

        leadership.lead("replica-a");
        clock.advance(LIMIT);
        assertEquals(HealthCheckResponse.Status.UP, check(), "counted from winning the Lease");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(HealthCheckResponse.Status.DOWN, check());
    }

    @Test
    void withoutScheduledCyclesNothingIsExpected() {
        clock.advance(LIMIT.multipliedBy(10));
        assertEquals(HealthCheckResponse.Status.UP, check(), "run --once, tests, other commands");
    }
}
