package io.imageupdater.webhook;

import static io.imageupdater.webhook.WebhookScene.await;
import static io.imageupdater.webhook.WebhookScene.options;
import static io.imageupdater.webhook.WebhookScene.processed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.RegistryConfig;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bursts, many repositories at once, and a full queue: what the queue in front of the targeted cycles does. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WebhookQueueTest {
    private static final String SECRET = WebhookServerTest.SECRET;
    private static final Namespaces NAMESPACES = new Namespaces("webhook-queue");
    private static TestRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    CycleRunner runner;

    @Inject
    Leadership leadership;

    @Inject
    UpdaterMetrics metrics;

    @Inject
    MeterRegistry meters;

    @Inject
    RegistryConfig registryConfig;

    @Inject
    KubernetesClient client;

    private WebhookScene scene;
    private WebhookServer server;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void scene() {
        scene = new WebhookScene(client);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(WebhookConfig config, String namespace) {
        server = WebhookScene.server(vertx, config, runner, leadership, metrics);
        return server.start(options(namespace));
    }

    @Test
    void twoHundredEventsForOneRepositoryWithinOneSecondCostAtMostThreeTagListings() throws Exception {
        String ns = NAMESPACES.next();
        registry.pushAll("acme/burst", "1.0.0", "1.1.0");
        String image = registry.host() + "/acme/burst";
        scene.application(ns, "burst", "web=" + image + ":~1", image + ":1.0.0");
        int port = start(TestWebhookConfig.allTypes(SECRET), ns);
        double coalescedBefore = metrics.webhookEvents("distribution", "coalesced");

        long start = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(senders.submit(() -> scene.postSample(
                        port, WebhookType.DISTRIBUTION, SECRET, registry.host(), "acme/burst", "1.1.0")));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get().statusCode());
            }
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(statuses.stream().allMatch(status -> status == 202), statuses.toString());
        await(() -> List.of(image + ":1.1.0").equals(scene.images(ns, "burst")), Duration.ofSeconds(20));
        Thread.sleep(WebhookServer.SPACING.plus(WebhookServer.SETTLE).toMillis() * 2);
        long listings = registry.requestCount("GET", "/v2/acme/burst/tags/list");
        assertTrue(listings >= 1 && listings <= 3, listings + " tag listings for 200 events sent in " + sending);
        assertTrue(metrics.webhookEvents("distribution", "coalesced") - coalescedBefore >= 197);
    }

    @Test
    void eventsForFiftyRepositoriesAreLookedUpConcurrentlyWithinThePerRegistryLimit() throws Exception {
        String ns = NAMESPACES.next();
        try (RegistryProxy proxy = RegistryProxy.start("127.0.0.1", registry.url())) {
            proxy.delay(Duration.ofMillis(300));
            List<String> repositories =
                    IntStream.range(0, 50).mapToObj(i -> "fleet/service-" + i).toList();
            for (String repository : repositories) {
                registry.pushAll(repository, "1.0.0", "1.1.0");
                String image = proxy.host() + "/" + repository;
                scene.application(ns, repository.replace('/', '-'), "web=" + image + ":~1", image + ":1.0.0");
            }
            int port = start(TestWebhookConfig.allTypes(SECRET), ns);

            try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (String repository : repositories) {
                    answers.add(senders.submit(() -> scene.postSample(
                            port, WebhookType.DISTRIBUTION, SECRET, proxy.host(), repository, "1.1.0")));
                }
                for (Future<HttpResponse<String>> answer : answers) {
                    assertEquals(202, answer.get().statusCode());
                }
            }

            await(
                    () -> repositories.stream()
                            .allMatch(repository -> List.of(proxy.host() + "/" + repository + ":1.1.0")
                                    .equals(scene.images(ns, repository.replace('/', '-')))),
                    Duration.ofSeconds(60));
            int limit = registryConfig.maxConcurrent();
            assertTrue(proxy.maxInFlight() > 1, "looked up concurrently: " + proxy.maxInFlight());
            assertTrue(proxy.maxInFlight() <= limit, proxy.maxInFlight() + " in flight, limit " + limit);
            long listings = proxy.seen().stream()
                    .filter(seen -> seen.pathAndQuery().contains("/tags/list"))
                    .count();
            assertEquals(50, listings, "one listing per repository");
        }
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        String ns = NAMESPACES.next();
        try (FakeRegistry slow = FakeRegistry.start()
                .withTags("acme/slow", List.of("1.0.0", "1.1.0"))
                .withDelay(Duration.ofSeconds(3))) {
            String image = slow.host() + "/acme/slow";
            scene.application(ns, "slow", "web=" + image + ":~1", image + ":1.0.0");
            int port = start(TestWebhookConfig.allTypes(SECRET).withQueueSize(2), ns);
            assertEquals(
                    202,
                    scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, slow.host(), "acme/slow", "1.1.0")
                            .statusCode());
            await(
                    () -> slow.requests().stream().anyMatch(request -> request.contains("/tags/list")),
                    Duration.ofSeconds(20));
            double failedBefore = metrics.webhookEvents("distribution", "failed");

            int first = scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, slow.host(), "acme/a", "1")
                    .statusCode();
            int second = scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, slow.host(), "acme/b", "1")
                    .statusCode();
            int coalesced = scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, slow.host(), "acme/b", "2")
                    .statusCode();
            HttpResponse<String> overflow =
                    scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, slow.host(), "acme/c", "1");

            assertEquals(List.of(202, 202, 202), List.of(first, second, coalesced));
            assertEquals(503, overflow.statusCode(), overflow.body());
            assertEquals(
                    String.valueOf(WebhookReceiver.RETRY_AFTER_SECONDS),
                    overflow.headers().firstValue("Retry-After").orElse(""));
            assertEquals(failedBefore + 1, metrics.webhookEvents("distribution", "failed"));
            await(() -> List.of(image + ":1.1.0").equals(scene.images(ns, "slow")), Duration.ofSeconds(20));
        }
    }

    @Test
    void aPushAfterALookUpFinishedStartsAnotherLookUp() throws Exception {
        String ns = NAMESPACES.next();
        registry.pushAll("acme/twice", "1.0.0");
        String image = registry.host() + "/acme/twice";
        scene.application(ns, "twice", "web=" + image + ":~1", image + ":1.0.0");
        int port = start(TestWebhookConfig.allTypes(SECRET), ns);
        long processed = processed(meters, WebhookType.DISTRIBUTION);

        scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, registry.host(), "acme/twice", "1.0.0");
        await(() -> processed(meters, WebhookType.DISTRIBUTION) > processed, Duration.ofSeconds(20));
        registry.push("acme/twice", "1.2.0");
        scene.postSample(port, WebhookType.DISTRIBUTION, SECRET, registry.host(), "acme/twice", "1.2.0");

        await(() -> List.of(image + ":1.2.0").equals(scene.images(ns, "twice")), Duration.ofSeconds(20));
        assertFalse(server.served().isEmpty());
    }
}
