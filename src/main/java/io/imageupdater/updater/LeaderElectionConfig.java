package io.imageupdater.updater;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Leader election among replicas of {@code run}, through a {@code coordination.k8s.io} Lease. */
@ConfigMapping(prefix = "image-updater.leader-election")
public interface LeaderElectionConfig {
    /** On or off; unset means on when running in a cluster ({@code KUBERNETES_SERVICE_HOST} is set). */
    Optional<Boolean> enabled();

    @WithDefault("argocd-image-updater-leader")
    String leaseName();

    /** The Lease's namespace; defaults to {@code POD_NAMESPACE}, else the client's (in a pod: the updater's own). */
    Optional<String> namespace();

    /** How long a lease holds without renewal: a standby takes over at most this long after the leader dies. */
    @WithDefault("15s")
    String leaseDuration();

    /** How long the leader keeps trying to renew before it gives up leading. */
    @WithDefault("10s")
    String renewDeadline();

    /** How often candidates try to acquire, and the leader to renew. */
    @WithDefault("2s")
    String retryPeriod();
}
