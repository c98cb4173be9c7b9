package io.imageupdater.updater;

import io.imageupdater.GoDuration;
import io.imageupdater.writeback.WriteGuard;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The limits of one running cycle: its deadline ({@code cycle-timeout}, on the monotonic clock) and the leadership it
 * runs under. Once either is gone the cycle's remaining work is abandoned: waits end, no write starts.
 */
final class CycleGuard implements WriteGuard {
    /** How often a wait looks again at the leadership. */
    static final Duration POLL = Duration.ofMillis(100);

    private final Duration timeout;
    private final long deadline;
    private final BooleanSupplier leading;

    private CycleGuard(Duration timeout, BooleanSupplier leading) {
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.leading = leading;
    }

    /** Starts the clock now. */
    static CycleGuard start(Duration timeout, BooleanSupplier leading) {
        return new CycleGuard(timeout, leading);
    }

    /** Whether this replica still holds the leadership the cycle started under. */
    boolean leading() {
        return leading.getAsBoolean();
    }

    /** Why the cycle's remaining work is abandoned; empty while it may go on. */
    Optional<String> stopped() {
        if (!leading()) {
            return Optional.of("abandoned: this replica lost the leader Lease during the cycle");
        }
        if (System.nanoTime() - deadline >= 0) {
            return Optional.of(
                    "abandoned: the cycle ran longer than cycle-timeout (" + GoDuration.format(timeout) + ")");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> refusal() {
        return stopped();
    }

    /**
     * Waits for the future while the cycle may go on.
     *
     * @throws Abandoned            when the cycle stopped first (the future is left running)
     * @throws ExecutionException   when the future failed
     * @throws InterruptedException when interrupted
     */
    <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
        while (true) {
            Optional<String> stop = stopped();
            if (stop.isPresent() && !future.isDone()) {
                throw new Abandoned(stop.get());
            }
            long left = Math.max(1, Math.min(POLL.toNanos(), deadline - System.nanoTime()));
            try {
                return future.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // look at the limits again
            }
        }
    }

    /** The cycle stopped before the awaited work finished. */
    static final class Abandoned extends RuntimeException {
        Abandoned(String reason) {
            super(reason, null, false, false);
        }
    }
}
