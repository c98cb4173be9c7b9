package io.imageupdater.updater;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.logging.Log;
import java.util.concurrent.CompletableFuture;

/**
 * Campaigns for a {@code coordination.k8s.io} Lease with the fabric8 leader elector and keeps {@link Leadership} up
 * to date. On winning, {@code onLead} runs (on its own thread); a replica that loses the Lease campaigns again. The
 * Lease calls are get, create and patch of {@code leases} in the Lease's namespace.
 */
public class LeaderElection implements AutoCloseable {
    private final KubernetesClient client;
    private final LeaseSettings settings;
    private final Leadership leadership;
    private final Runnable onLead;
    private volatile CompletableFuture<?> campaign;
    private volatile boolean stopped;

    public LeaderElection(KubernetesClient client, LeaseSettings settings, Leadership leadership, Runnable onLead) {
        this.client = client;
        this.settings = settings;
        this.leadership = leadership;
        this.onLead = onLead;
    }

    public LeaseSettings settings() {
        return settings;
    }

    public synchronized void start() {
        if (stopped) {
            return;
        }
        leadership.campaign();
        Log.infof(
                "leader election: %s campaigns for Lease %s/%s (lease duration %ss)",
                settings.identity(),
                settings.namespace(),
                settings.name(),
                settings.leaseDuration().toSeconds());
        campaign = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName("image-updater")
                        .withLock(new LeaseLock(settings.namespace(), settings.name(), settings.identity()))
                        .withLeaseDuration(settings.leaseDuration())
                        .withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod())
                        .withReleaseOnCancel(settings.releaseOnStop())
                        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::lost, this::newLeader))
                        .build())
                .build()
                .start();
        campaign.whenComplete((ignored, error) -> {
            if (!stopped) {
                Log.warnf(
                        "leader election: %s stopped campaigning (%s); campaigning again",
                        settings.identity(), error == null ? "lease lost" : error.getMessage());
                start();
            }
        });
    }

    /** Stops campaigning; a leader gives the Lease up when {@code releaseOnStop}, so a standby takes over at once. */
    @Override
    public synchronized void close() {
        stopped = true;
        if (campaign != null) {
            campaign.cancel(true);
        }
    }

    private void started() {
        leadership.lead(settings.identity());
        Thread.ofVirtual().name("image-updater-first-cycle").start(onLead);
    }

    private void lost() {
        leadership.stopLeading(settings.identity(), stopped);
    }

    private void newLeader(String leader) {
        if (!settings.identity().equals(leader)) {
            leadership.standBy(settings.identity(), leader);
        }
    }
}
