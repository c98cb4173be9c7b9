package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryClientSettings;
import io.imageupdater.registry.RetryPolicy;
import io.imageupdater.testing.FlakyRegistry;
import io.imageupdater.testing.FlakyRegistry.Fault;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A misbehaving loopback registry: retries, backoff and Retry-After, isolation, and recovery on the next cycle. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RegistryFaultCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("faults");
    private static final RetryPolicy RETRY =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5));

    @Inject
    CycleParts parts;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UpdaterMetrics metrics = new UpdaterMetrics(meters);
    private FlakyRegistry flaky;
    private Registries registries;
    private UpdateCycle cycle;
    private String ns;

    @BeforeEach
    void setUp() {
        flaky = FlakyRegistry.start(List.of("1.0.0", "1.1.0"));
        registries = new Registries(
                metrics,
                new EnvCredentialResolver(name -> null),
                Clock.systemUTC(),
                RegistryClientSettings.defaults()
                        .withRetry(RETRY)
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
        cycle = parts.cycle(registries, Clock.systemUTC());
        ns = NAMESPACES.next();
    }

    @AfterEach
    void tearDown() {
        flaky.close();
        registries.close();
    }

    private void createApp(String name, String host) {
        apps.create(CycleApps.kustomize(
                ns, name, Map.of(Annotations.IMAGE_LIST, "web=" + host + "/acme/web"), host + "/acme/web:1.0.0"));
    }

    private double failures(String host) {
        var counter = meters.find("argocd_image_updater_registry_requests_failed")
                .tag("registry", host)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @ParameterizedTest(name = "{0} once, then fine")
    @EnumSource(
            value = Fault.class,
            names = {"SERVICE_UNAVAILABLE", "BAD_GATEWAY", "SLOW", "TRUNCATED", "GARBAGE"})
    void transientFaultIsRetried(Fault fault) {
        flaky.then(fault);
        createApp("shop", flaky.host());

        CycleResult result = cycle.run(CycleApps.options(ns));

        assertEquals(List.of(flaky.host() + "/acme/web:1.1.0"), apps.kustomizeImages(ns, "shop"), result.summary());
        assertEquals(2, flaky.requests());
        assertEquals(1, failures(flaky.host()));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        flaky.then(Fault.TOO_MANY_REQUESTS);
        createApp("shop", flaky.host());

        long start = System.nanoTime();
        cycle.run(CycleApps.options(ns));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(List.of(flaky.host() + "/acme/web:1.1.0"), apps.kustomizeImages(ns, "shop"));
        assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0, "waited " + took);
        assertEquals(2, flaky.requests());
    }

    @Test
    void backoffGrowsBetweenAttempts() {
        flaky.then(Fault.SERVICE_UNAVAILABLE, Fault.SERVICE_UNAVAILABLE);
        createApp("shop", flaky.host());

        long start = System.nanoTime();
        cycle.run(CycleApps.options(ns));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(3, flaky.requests());
        // jitter keeps each wait between half and all of 100 ms, then 200 ms
        assertTrue(took.compareTo(Duration.ofMillis(150)) >= 0, "waited " + took);
        assertEquals(List.of(flaky.host() + "/acme/web:1.1.0"), apps.kustomizeImages(ns, "shop"));
    }

    @Test
    void registryThatStaysDownFailsOnlyItsImagesAndNothingIsLostOnceItRecovers() {
        try (TestRegistry healthy = TestRegistry.start()) {
            healthy.push("acme/web", "1.0.0");
            healthy.push("acme/web", "1.2.0");
            flaky.down(Fault.SERVICE_UNAVAILABLE);
            createApp("flaky", flaky.host());
            createApp("healthy", healthy.host());

            CycleResult first = cycle.run(CycleApps.options(ns));

            ImageOutcome failed = CycleApps.outcome(first, ns + "/flaky");
            assertEquals(ImageOutcome.Kind.ERROR, failed.kind());
            assertTrue(
                    failed.message().contains(flaky.host())
                            && failed.message().contains("acme/web")
                            && failed.message().contains("503"),
                    failed.message());
            assertEquals(RETRY.maxAttempts(), flaky.requests(), "bounded attempts");
            assertEquals(RETRY.maxAttempts(), failures(flaky.host()));
            assertEquals(List.of(healthy.host() + "/acme/web:1.2.0"), apps.kustomizeImages(ns, "healthy"));
            assertEquals(null, apps.kustomizeImages(ns, "flaky"));

            flaky.recover();
            cycle.run(CycleApps.options(ns));

            assertEquals(List.of(flaky.host() + "/acme/web:1.1.0"), apps.kustomizeImages(ns, "flaky"));
        }
    }

    @Test
    void unreachableRegistryReadsWell() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String host = "127.0.0.1:" + port;
        createApp("gone", host);

        CycleResult result = cycle.run(CycleApps.options(ns));

        String message = CycleApps.outcome(result, ns + "/gone").message();
        assertTrue(message.contains("registry " + host + " is unreachable: connection refused"), message);
        assertTrue(!message.contains("Exception"), message);
    }
}
