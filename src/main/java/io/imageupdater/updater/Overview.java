package io.imageupdater.updater;

import io.imageupdater.metrics.UpdaterMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the operator view reads: the last cycle (its summary and one row per Application and image), this replica's
 * role, the next cycle, the registries' activity, and the webhook receiver's status when there is one. Read-only.
 */
@ApplicationScoped
public class Overview {
    private final CycleStatus status;
    private final CycleRunner runner;
    private final Leadership leadership;
    private final UpdaterMetrics metrics;
    private final Instance<WebhookStatus> webhook;

    public Overview(
            CycleStatus status,
            CycleRunner runner,
            Leadership leadership,
            UpdaterMetrics metrics,
            Instance<WebhookStatus> webhook) {
        this.status = status;
        this.runner = runner;
        this.leadership = leadership;
        this.metrics = metrics;
        this.webhook = webhook;
    }

    /** The last completed cycle, if one completed. */
    public Optional<CycleResult> lastCycle() {
        return Optional.ofNullable(status.lastResult());
    }

    /** When the last cycle completed, or {@code null}. */
    public Instant lastCompleted() {
        return status.lastCompleted();
    }

    /** {@code leader}, {@code standby}, or {@code sole} (no leader election). */
    public String role() {
        return leadership.role().name().toLowerCase(Locale.ROOT);
    }

    public Optional<Instant> nextCycle() {
        return runner.nextCycle();
    }

    public List<RegistryStats> registries() {
        return metrics.registries().stream()
                .map(activity -> new RegistryStats(
                        activity.registry(),
                        activity.requests(),
                        activity.failures(),
                        activity.rateLimitWaits(),
                        ImageRows.redact(activity.lastError()),
                        activity.lastErrorAt() == null
                                ? null
                                : activity.lastErrorAt().truncatedTo(ChronoUnit.SECONDS)))
                .toList();
    }

    /** The webhook receiver's one-line status, when a receiver exists and is enabled. */
    public Optional<String> webhook() {
        if (!webhook.isResolvable()) {
            return Optional.empty();
        }
        WebhookStatus receiver = webhook.get();
        return receiver.enabled() ? Optional.of(ImageRows.redact(receiver.summary())) : Optional.empty();
    }
}
