package io.imageupdater.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every metric the updater exports, under Argo CD Image Updater's names so its dashboards work.
 *
 * <p>Upstream's "watched" gauges end in {@code _total}; the Prometheus client strips that suffix from
 * gauges, so they are registered as function counters, which render under the upstream name.
 */
@ApplicationScoped
public class UpdaterMetrics {
    static final String PREFIX = "argocd_image_updater_";

    private final MeterRegistry registry;
    private final AtomicLong applicationsWatched = new AtomicLong();
    private final AtomicLong imagesWatched = new AtomicLong();
    private final Timer cycleDuration;

    public UpdaterMetrics(MeterRegistry registry) {
        this.registry = registry;
        // A registry that outlives an application instance (Micrometer's global composite across Quarkus restarts)
        // would keep reading the earlier instance's numbers: first registration wins. Drop those.
        for (String stale : List.of(PREFIX + "applications_watched", PREFIX + "images_watched")) {
            registry.find(stale).meters().forEach(registry::remove);
        }
        FunctionCounter.builder(PREFIX + "applications_watched", applicationsWatched, AtomicLong::get)
                .description("The number of applications watched by the updater")
                .register(registry);
        FunctionCounter.builder(PREFIX + "images_watched", imagesWatched, AtomicLong::get)
                .description("The number of images watched by the updater")
                .register(registry);
        counter("k8s_api_requests", "Requests to the Kubernetes API");
        counter("k8s_api_errors", "Failed requests to the Kubernetes API");
        this.cycleDuration = Timer.builder(PREFIX + "update_cycle_duration")
                .description("How long one update cycle took")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
    }

    public void watched(int applications, int images) {
        applicationsWatched.set(applications);
        imagesWatched.set(images);
    }

    public void imageUpdated(String application) {
        Counter.builder(PREFIX + "images_updated").description("Images updated")
                .tag("application", application).register(registry).increment();
    }

    public void imageError(String application) {
        Counter.builder(PREFIX + "images_errors").description("Errors while processing images")
                .tag("application", application).register(registry).increment();
    }

    public void registryRequest(String registryHost) {
        Counter.builder(PREFIX + "registry_requests").description("Requests sent to a registry")
                .tag("registry", registryHost).register(registry).increment();
    }

    public void registryRequestFailed(String registryHost) {
        Counter.builder(PREFIX + "registry_requests_failed").description("Requests to a registry that failed")
                .tag("registry", registryHost).register(registry).increment();
    }

    public void kubernetesRequest() {
        counter("k8s_api_requests", "Requests to the Kubernetes API").increment();
    }

    public void kubernetesError() {
        counter("k8s_api_errors", "Failed requests to the Kubernetes API").increment();
    }

    public void cycleCompleted(Duration duration) {
        cycleDuration.record(duration);
    }

    /** Total registry requests so far for one registry (for tests and benchmarks). */
    public double registryRequests(String registryHost) {
        Counter counter = registry.find(PREFIX + "registry_requests").tag("registry", registryHost).counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }
}
