package io.imageupdater.updater;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This replica's role. Without leader election it is the sole updater and always runs cycles; with it, only while
 * it holds the Lease.
 */
@ApplicationScoped
public class Leadership {

    public enum Role {
        /** No leader election: this replica runs cycles. */
        SOLE,
        /** Waiting for the Lease: runs nothing. */
        STANDBY,
        /** Holds the Lease: runs cycles and write-backs. */
        LEADER
    }

    private final AtomicReference<Role> role = new AtomicReference<>(Role.SOLE);
    private final AtomicLong term = new AtomicLong();
    private final AtomicReference<Instant> since = new AtomicReference<>();
    private final Clock clock;

    @Inject
    public Leadership(Clock clock) {
        this.clock = clock;
    }

    /** With the system clock (tests that run several replicas in one JVM). */
    public Leadership() {
        this(Clock.systemUTC());
    }

    private final AtomicBoolean standbyLogged = new AtomicBoolean();
    private final AtomicReference<LeaderElection> election = new AtomicReference<>();

    /** The campaign to stop at shutdown (after the running cycle finished, see {@link CycleRunner}). */
    public LeaderElection attach(LeaderElection campaign) {
        election.set(campaign);
        return campaign;
    }

    void onShutdown(@Observes @Priority(10) ShutdownEvent event) {
        LeaderElection campaign = election.getAndSet(null);
        if (campaign != null) {
            campaign.close();
            Log.infof(
                    "leader election: %s stopped campaigning",
                    campaign.settings().identity());
        }
    }

    public Role role() {
        return role.get();
    }

    public boolean mayRunCycles() {
        return role.get() != Role.STANDBY;
    }

    /** The current leadership term: it changes each time this replica becomes the leader. */
    public long term() {
        return term.get();
    }

    /**
     * Whether this replica may still write for work started in {@code term}: it is the sole updater, or it has led
     * without interruption since. A replica that lost the Lease, even if it leads again, no longer holds that term.
     */
    public boolean holds(long startedIn) {
        Role now = role.get();
        return now == Role.SOLE || (now == Role.LEADER && term.get() == startedIn);
    }

    /** When this replica last became the leader, or {@code null} when it never did (or runs without election). */
    public Instant leadingSince() {
        return since.get();
    }

    /** Starts campaigning: a standby until the Lease is won. */
    void campaign() {
        role.set(Role.STANDBY);
    }

    void lead(String identity) {
        term.incrementAndGet();
        since.set(clock.instant());
        role.set(Role.LEADER);
        standbyLogged.set(false);
        Log.infof("leader election: %s is now the leader; running update cycles", identity);
    }

    void standBy(String identity, String leader) {
        role.set(Role.STANDBY);
        if (standbyLogged.compareAndSet(false, true)) {
            Log.infof(
                    "leader election: %s is standing by; %s",
                    identity,
                    leader == null || leader.isBlank() ? "no replica holds the Lease yet" : leader + " is the leader");
        } else {
            Log.debugf("leader election: %s is now the leader", leader);
        }
    }

    void stopLeading(String identity, boolean shuttingDown) {
        if (role.compareAndSet(Role.LEADER, Role.STANDBY) && shuttingDown) {
            Log.infof("leader election: %s stopped leading", identity);
        } else if (role.get() == Role.STANDBY && !shuttingDown) {
            Log.warnf("leader election: %s lost the lease; no new update cycles start until it leads again", identity);
        }
    }
}
