package io.imageupdater.updater;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the health checks need to know: did the Kubernetes API answer, since when are cycles scheduled, and when did
 * the last cycle complete.
 */
@ApplicationScoped
public class CycleStatus {
    private final AtomicBoolean apiReachable = new AtomicBoolean();
    private final AtomicReference<CycleResult> lastResult = new AtomicReference<>();
    private final AtomicReference<Instant> lastCompleted = new AtomicReference<>();
    private final AtomicReference<Instant> scheduledSince = new AtomicReference<>();
    private final AtomicBoolean eventDriven = new AtomicBoolean();
    private final Clock clock;

    @Inject
    public CycleStatus(Clock clock) {
        this.clock = clock;
    }

    public void apiReachable() {
        apiReachable.set(true);
    }

    public void cycleFinished(CycleResult result) {
        lastResult.set(result);
        lastCompleted.set(clock.instant());
    }

    /** Cycles run every interval from now on. */
    void scheduled() {
        scheduledSince.compareAndSet(null, clock.instant());
    }

    /** Cycles run only for webhook events ({@code webhook} command): ready without a first cycle. */
    public void eventDriven() {
        eventDriven.set(true);
    }

    public boolean isEventDriven() {
        return eventDriven.get();
    }

    public boolean isApiReachable() {
        return apiReachable.get();
    }

    public boolean hasFinishedCycle() {
        return lastResult.get() != null;
    }

    public CycleResult lastResult() {
        return lastResult.get();
    }

    /** When the last cycle completed, or {@code null}. */
    public Instant lastCompleted() {
        return lastCompleted.get();
    }

    /** When interval cycles were scheduled, or {@code null} when they never were ({@code run --once}, tests). */
    public Instant scheduledSince() {
        return scheduledSince.get();
    }
}
