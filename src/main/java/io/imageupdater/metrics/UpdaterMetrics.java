package io.imageupdater.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every metric the updater exports, under Argo CD Image Updater's names so its dashboards work.
 *
 * <p>Upstream's "watched" gauges end in {@code _total}; the Prometheus client strips that suffix from
 * gauges, so they are registered as function counters, which render under the upstream name.
 *
 * <p>Watched, updated and error series carry the labels {@code image_updater_cr_name} and
 * {@code image_updater_cr_namespace} of the ImageUpdater resource concerned (as upstream 1.x does); both are empty
 * for Applications handled from their annotations, so every series of a name has the same labels.
 */
@ApplicationScoped
public class UpdaterMetrics {
    static final String PREFIX = "argocd_image_updater_";
    public static final String CR_NAME = "image_updater_cr_name";
    public static final String CR_NAMESPACE = "image_updater_cr_namespace";
    private static final Resource ANNOTATIONS = new Resource("", "");

    private final MeterRegistry registry;
    private final Map<Resource, AtomicLong[]> watched = new ConcurrentHashMap<>();
    private final Timer cycleDuration;

    private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();
    private final Clock clock;

    public UpdaterMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    @Inject
    public UpdaterMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        removeOwnMeters();
        counter("k8s_api_requests", "Requests to the Kubernetes API");
        counter("k8s_api_errors", "Failed requests to the Kubernetes API");
        this.cycleDuration = Timer.builder(PREFIX + "update_cycle_duration")
                .description("How long one update cycle took")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
    }

    /** Applications and images handled from annotations. */
    public void watched(int applications, int images) {
        watched(ANNOTATIONS, applications, images);
    }

    /** Applications and images handled by one ImageUpdater resource. */
    public void resourceWatched(String name, String namespace, int applications, int images) {
        watched(new Resource(name, namespace), applications, images);
    }

    private void watched(Resource resource, int applications, int images) {
        AtomicLong[] values = watched.computeIfAbsent(resource, this::watchedGauges);
        values[0].set(applications);
        values[1].set(images);
    }

    private AtomicLong[] watchedGauges(Resource resource) {
        AtomicLong[] values = {new AtomicLong(), new AtomicLong()};
        FunctionCounter.builder(PREFIX + "applications_watched", values[0], AtomicLong::get)
                .description("The number of applications watched by the updater")
                .tags(resource.tags())
                .register(registry);
        FunctionCounter.builder(PREFIX + "images_watched", values[1], AtomicLong::get)
                .description("The number of images watched by the updater")
                .tags(resource.tags())
                .register(registry);
        return values;
    }

    public void imageUpdated(String application) {
        imageUpdated(application, ANNOTATIONS);
    }

    public void imageError(String application) {
        imageError(application, ANNOTATIONS);
    }

    /** An image updated in an Application handled by an ImageUpdater resource. */
    public void resourceImageUpdated(String application, String name, String namespace) {
        imageUpdated(application, new Resource(name, namespace));
    }

    public void resourceImageError(String application, String name, String namespace) {
        imageError(application, new Resource(name, namespace));
    }

    private void imageUpdated(String application, Resource resource) {
        Counter.builder(PREFIX + "images_updated")
                .description("Images updated")
                .tag("application", application)
                .tags(resource.tags())
                .register(registry)
                .increment();
    }

    private void imageError(String application, Resource resource) {
        Counter.builder(PREFIX + "images_errors")
                .description("Errors while processing images")
                .tag("application", application)
                .tags(resource.tags())
                .register(registry)
                .increment();
    }

    /**
     * An image rolled back after its update turned the Application Degraded: {@code argocd_image_updater_rollbacks_total}
     * (Prometheus adds {@code _total}); {@code name} and {@code namespace} of the ImageUpdater resource, or {@code null}
     * for an Application handled from its annotations.
     */
    public void rolledBack(String application, String name, String namespace) {
        Counter.builder(PREFIX + "rollbacks")
                .description("Images rolled back after an update turned the Application Degraded")
                .tag("application", application)
                .tags(name == null ? ANNOTATIONS.tags() : new Resource(name, namespace).tags())
                .register(registry)
                .increment();
    }

    /** Rollbacks counted so far for an Application (for tests). */
    public double rollbacks(String application) {
        return registry.find(PREFIX + "rollbacks").tag("application", application).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Drops every series of an ImageUpdater resource (it was deleted). */
    public void resourceRemoved(String name, String namespace) {
        watched.remove(new Resource(name, namespace));
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> name.equals(meter.getId().getTag(CR_NAME))
                        && namespace.equals(meter.getId().getTag(CR_NAMESPACE)))
                .toList();
        meters.forEach(registry::remove);
    }

    /** A metric's value for one ImageUpdater resource, or {@code null} when it has no such series (for tests). */
    public Double resourceValue(String metric, String name, String namespace) {
        var found = registry.find(PREFIX + metric)
                .tag(CR_NAME, name)
                .tag(CR_NAMESPACE, namespace)
                .meters();
        if (found.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (Meter meter : found) {
            for (var measurement : meter.measure()) {
                sum += measurement.getValue();
            }
        }
        return sum;
    }

    public void registryRequest(String registryHost) {
        Counter.builder(PREFIX + "registry_requests")
                .description("Requests sent to a registry")
                .tag("registry", registryHost)
                .register(registry)
                .increment();
    }

    public void registryRequestFailed(String registryHost) {
        Counter.builder(PREFIX + "registry_requests_failed")
                .description("Requests to a registry that failed")
                .tag("registry", registryHost)
                .register(registry)
                .increment();
    }

    /**
     * A pull request action ({@code opened}, {@code updated}, {@code closed}, {@code failed}) on a forge
     * ({@code github}, {@code gitlab}, {@code gitea}, {@code bitbucket}, {@code azureDevOps}).
     */
    public void pullRequest(String provider, String action) {
        Counter.builder(PREFIX + "pull_requests")
                .description("Pull request actions of Git write-backs")
                .tag("provider", provider)
                .tag("action", action)
                .register(registry)
                .increment();
    }

    /** A failed registry request, with its message (which names no credential and quotes no query string). */
    public void registryRequestFailed(String registryHost, String message) {
        registryRequestFailed(registryHost);
        lastErrors.put(registryHost, new LastError(message == null ? "" : message, clock.instant()));
    }

    /** A request that waited for the registry's request limit, or was throttled by it (HTTP 429). */
    public void registryRateLimitWait(String registryHost) {
        Counter.builder(PREFIX + "registry_rate_limit_waits")
                .description("Registry requests that waited for the registry's request limit or were throttled")
                .tag("registry", registryHost)
                .register(registry)
                .increment();
    }

    /** The pull request actions counted so far (for tests). */
    public double pullRequests(String provider, String action) {
        Counter counter = registry.find(PREFIX + "pull_requests")
                .tag("provider", provider)
                .tag("action", action)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * A webhook request's outcome, once per event (or per request when it carried none that could be read).
     *
     * @param type   the webhook type ({@code docker.io}, {@code distribution}, …; {@code unknown} when not one)
     * @param result accepted, rejected, ignored, coalesced or failed
     */
    public void webhookEvent(String type, String result) {
        Counter.builder(PREFIX + "webhook_events")
                .description("Webhook events received, by type and what became of them")
                .tag("type", type)
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /** From receipt of a webhook event until the targeted cycle it started finished writing back. */
    public void webhookProcessed(String type, Duration sinceReceipt) {
        Timer.builder(PREFIX + "webhook_event_duration")
                .description("From receipt of a webhook event until its targeted update cycle finished writing back")
                .tag("type", type)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(sinceReceipt);
    }

    /** Webhook events counted so far of a type and result (for tests). */
    public double webhookEvents(String type, String result) {
        Counter counter = registry.find(PREFIX + "webhook_events")
                .tag("type", type)
                .tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Per registry host: requests, failures, rate-limit waits and the last failure, sorted by host. */
    public List<RegistryActivity> registries() {
        Map<String, long[]> counts = new TreeMap<>();
        collect(counts, "registry_requests", 0);
        collect(counts, "registry_requests_failed", 1);
        collect(counts, "registry_rate_limit_waits", 2);
        lastErrors.keySet().forEach(host -> counts.computeIfAbsent(host, key -> new long[3]));
        return counts.entrySet().stream()
                .map(entry -> {
                    LastError last = lastErrors.get(entry.getKey());
                    long[] values = entry.getValue();
                    return new RegistryActivity(
                            entry.getKey(),
                            values[0],
                            values[1],
                            values[2],
                            last == null ? null : last.message(),
                            last == null ? null : last.at());
                })
                .sorted(Comparator.comparing(RegistryActivity::registry))
                .toList();
    }

    private void collect(Map<String, long[]> counts, String metric, int index) {
        for (Counter counter : registry.find(PREFIX + metric).counters()) {
            String host = counter.getId().getTag("registry");
            if (host != null) {
                counts.computeIfAbsent(host, key -> new long[3])[index] += (long) counter.count();
            }
        }
    }

    /**
     * One registry's activity since start.
     *
     * @param lastError   the last failure's message, or {@code null}
     * @param lastErrorAt when it happened, or {@code null}
     */
    public record RegistryActivity(
            String registry,
            long requests,
            long failures,
            long rateLimitWaits,
            String lastError,
            Instant lastErrorAt) {}

    private record LastError(String message, Instant at) {}

    public void kubernetesRequest() {
        counter("k8s_api_requests", "Requests to the Kubernetes API").increment();
    }

    public void kubernetesError() {
        counter("k8s_api_errors", "Failed requests to the Kubernetes API").increment();
    }

    public void cycleCompleted(Duration duration) {
        cycleDuration.record(duration);
    }

    /**
     * Quarkus hands out the global composite registry, which outlives an application restart (as in
     * tests): meters left by an earlier instance would still be bound to its state, so they go.
     */
    @PreDestroy
    void removeOwnMeters() {
        registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith(PREFIX))
                .toList()
                .forEach(registry::remove);
    }

    /**
     * One signature verification of a candidate image, by result: {@code verified}, {@code unsigned},
     * {@code bad signature}, {@code wrong identity}, {@code digest mismatch} or {@code error}.
     */
    public void verification(String result) {
        Counter.builder(PREFIX + "verification")
                .description("Signature verifications of candidate images, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /** Verifications so far with a result (for tests). */
    public double verifications(String result) {
        Counter counter =
                registry.find(PREFIX + "verification").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Total registry requests so far for one registry (for tests and benchmarks). */
    public double registryRequests(String registryHost) {
        Counter counter = registry.find(PREFIX + "registry_requests")
                .tag("registry", registryHost)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    private record Resource(String name, String namespace) {
        Tags tags() {
            return Tags.of(CR_NAME, name, CR_NAMESPACE, namespace);
        }
    }
}
