package io.imageupdater.updater;

import io.imageupdater.GoDuration;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ApplicationFilter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one entry point into update cycles, for {@code run}, {@code run --once}, the interval job and webhook events
 * ({@link #runTargeted}).
 * Never runs two cycles at once, runs none while this replica stands by for the leader, and none once shutdown began;
 * a running cycle is abandoned as soon as this replica stops leading (fencing) or its {@code cycle-timeout} passes;
 * shutdown waits (at most {@code shutdown-grace-period}) for a running cycle to finish its write-backs.
 */
@ApplicationScoped
public class CycleRunner {
    static final String JOB = "update-cycle";

    private final UpdateCycle cycle;
    private final UpdaterConfig config;
    private final CycleStatus status;
    private final Scheduler scheduler;
    private final Leadership leadership;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopping;
    /** Targeted cycles holding or waiting for {@link #running}: an interval cycle waits for them, never skips. */
    private final java.util.concurrent.atomic.AtomicInteger targeted = new java.util.concurrent.atomic.AtomicInteger();

    public CycleRunner(
            UpdateCycle cycle, UpdaterConfig config, CycleStatus status, Scheduler scheduler, Leadership leadership) {
        this.cycle = cycle;
        this.config = config;
        this.status = status;
        this.scheduler = scheduler;
        this.leadership = leadership;
    }

    /** Validated options from the configuration; throws naming the bad setting. */
    public CycleOptions options(String defaultNamespace) {
        if (config.maxConcurrentApps() < 1) {
            throw new ImageUpdaterException(
                    "max-concurrent-apps: must be at least 1, not " + config.maxConcurrentApps());
        }
        Set<String> namespaces = new LinkedHashSet<>(config.watchNamespaces().orElse(List.of(defaultNamespace)));
        namespaces.removeIf(String::isBlank);
        if (namespaces.isEmpty()) {
            namespaces.add(defaultNamespace);
        }
        ApplicationFilter filter = new ApplicationFilter(
                namespaces,
                config.matchApplicationName().orElse(List.of()),
                config.matchApplicationLabel().filter(label -> !label.isBlank()).orElse(null));
        return new CycleOptions(
                filter, config.dryRun(), config.maxConcurrentApps(), config.annotations(), cycleTimeout());
    }

    /** {@code cycle-timeout}, validated. */
    public Duration cycleTimeout() {
        return positive(config.cycleTimeout(), "cycle-timeout");
    }

    /** How long, while leading, no completed cycle means this replica is stuck: {@code 3 × interval + cycle-timeout}. */
    Duration livenessLimit() {
        return interval().multipliedBy(3).plus(cycleTimeout());
    }

    public Duration interval() {
        return positive(config.interval(), "interval");
    }

    private static Duration positive(String value, String setting) {
        Duration duration = GoDuration.parse(value, setting);
        if (duration.isZero() || duration.isNegative()) {
            throw new ImageUpdaterException(setting + ": must be greater than 0, not \"" + value + "\"");
        }
        return duration;
    }

    /** Runs one cycle now unless one is already running. */
    public Optional<CycleResult> runOnce(CycleOptions options) {
        if (stopping) {
            Log.debug("shutting down; no new update cycle");
            return Optional.empty();
        }
        if (!leadership.mayRunCycles()) {
            Log.debug("standing by for the leader; no update cycle");
            return Optional.empty();
        }
        if (!running.tryLock()) {
            if (targeted.get() == 0) {
                Log.warn("an update cycle is still running; skipping this one");
                return Optional.empty();
            }
            Log.debug("a targeted update cycle is running; this cycle starts when it ends");
            running.lock();
        }
        try {
            long term = leadership.term();
            CycleResult result = cycle.run(options, () -> leadership.holds(term));
            status.cycleFinished(result);
            return Optional.of(result);
        } finally {
            running.unlock();
        }
    }

    /**
     * Runs one cycle restricted to the target's images (a webhook event), through the same cycle as polling: only
     * while this replica may run cycles, under the leadership it starts with, never beside another cycle (it waits for
     * a running one). Empty when this replica stands by or shuts down.
     */
    public Optional<CycleResult> runTargeted(CycleOptions options, CycleTarget target) {
        if (stopping || !leadership.mayRunCycles()) {
            Log.debug("standing by or shutting down; no targeted update cycle");
            return Optional.empty();
        }
        targeted.incrementAndGet();
        try {
            running.lockInterruptibly();
        } catch (InterruptedException e) {
            targeted.decrementAndGet();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            if (stopping || !leadership.mayRunCycles()) {
                return Optional.empty();
            }
            long term = leadership.term();
            return Optional.of(cycle.run(options, () -> leadership.holds(term), target));
        } finally {
            running.unlock();
            targeted.decrementAndGet();
        }
    }

    /** Runs a cycle every {@code interval} from now on (the first one right away). */
    public void schedule(CycleOptions options, Duration interval) {
        scheduler
                .newJob(JOB)
                .setInterval(Math.max(1, interval.toSeconds()) + "s")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> runOnce(options))
                .schedule();
        status.scheduled();
    }

    /** When the interval job fires next, if cycles are scheduled. */
    public Optional<Instant> nextCycle() {
        Trigger job = scheduler.getScheduledJob(JOB);
        return job == null ? Optional.empty() : Optional.ofNullable(job.getNextFireTime());
    }

    /** No new cycles from now on; waits for a running one (and its write-backs) up to the grace period. */
    public boolean drain(Duration gracePeriod) {
        stopping = true;
        if (!running.isLocked()) {
            return true;
        }
        Log.infof(
                "shutting down: waiting up to %s for the running update cycle to finish its write-backs",
                GoDuration.format(gracePeriod));
        try {
            if (running.tryLock(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
                Log.info("shutting down: the running update cycle finished");
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.warnf("shutting down: the running update cycle did not finish within %s", GoDuration.format(gracePeriod));
        return false;
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        drain(gracePeriod());
    }

    Duration gracePeriod() {
        Duration grace = GoDuration.parse(config.shutdownGracePeriod(), "shutdown-grace-period");
        return grace.isNegative() ? Duration.ZERO : grace;
    }
}
