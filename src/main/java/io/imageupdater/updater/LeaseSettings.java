package io.imageupdater.updater;

import io.imageupdater.GoDuration;
import io.imageupdater.ImageUpdaterException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Validated leader-election settings for one candidate.
 *
 * @param namespace      where the Lease lives
 * @param name           the Lease's name
 * @param identity       this candidate's name in the Lease ({@code POD_NAME}, else the host name)
 * @param leaseDuration  how long a lease holds without renewal
 * @param renewDeadline  how long the leader retries renewing before it stops leading
 * @param retryPeriod    time between attempts
 * @param releaseOnStop  give the Lease up when stopped, so a standby takes over at once (false only to test a crash)
 */
public record LeaseSettings(
        String namespace,
        String name,
        String identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod,
        boolean releaseOnStop) {

    public LeaseSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new ImageUpdaterException("leader-election: renew-deadline (" + GoDuration.format(renewDeadline)
                    + ") must be shorter than lease-duration (" + GoDuration.format(leaseDuration) + ")");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new ImageUpdaterException("leader-election: retry-period (" + GoDuration.format(retryPeriod)
                    + ") must be shorter than renew-deadline (" + GoDuration.format(renewDeadline) + ")");
        }
    }

    /** From the configuration; {@code clientNamespace} is the Kubernetes client's namespace. */
    public static LeaseSettings of(
            LeaderElectionConfig config, String clientNamespace, Map<String, String> env, Supplier<String> hostName) {
        String namespace = config.namespace()
                .filter(ns -> !ns.isBlank())
                .orElseGet(() -> nonBlank(env.get("POD_NAMESPACE")) ? env.get("POD_NAMESPACE") : clientNamespace);
        return new LeaseSettings(
                namespace == null ? "default" : namespace,
                config.leaseName(),
                identity(env, hostName),
                positive(config.leaseDuration(), "leader-election-lease-duration"),
                positive(config.renewDeadline(), "leader-election-renew-deadline"),
                positive(config.retryPeriod(), "leader-election-retry-period"),
                true);
    }

    /** Whether to elect: the setting, else on exactly when running in a cluster. */
    public static boolean enabled(LeaderElectionConfig config, Map<String, String> env) {
        return config.enabled().orElseGet(() -> nonBlank(env.get("KUBERNETES_SERVICE_HOST")));
    }

    /** {@code POD_NAME} (set by the Deployment through the Downward API), else the host name. */
    static String identity(Map<String, String> env, Supplier<String> hostName) {
        return nonBlank(env.get("POD_NAME")) ? env.get("POD_NAME").strip() : hostName.get();
    }

    private static Duration positive(String value, String setting) {
        Duration duration = GoDuration.parse(value, setting);
        if (duration.isZero() || duration.isNegative()) {
            throw new ImageUpdaterException(setting + ": must be greater than 0, not \"" + value + "\"");
        }
        return duration;
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }
}
