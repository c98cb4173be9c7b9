package io.imageupdater.webhook;

import static io.imageupdater.webhook.WebhookScene.await;
import static io.imageupdater.webhook.WebhookScene.options;
import static io.imageupdater.webhook.WebhookScene.processed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The webhook server over HTTP on loopback, with the cycle machinery against the mock API server and a real
 * docker-registry that serves every type's registry host (registries.conf entries pointing at it).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WebhookServerTest {
    static final String SECRET = "good-secret-4f1c";
    private static final Namespaces NAMESPACES = new Namespaces("webhook");
    private static final Duration SOON = Duration.ofSeconds(20);
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
    Registries registries;

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
    void configure() {
        scene = new WebhookScene(client);
        registries.configure(WebhookScene.everyTypeAt(registry.url()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        registries.configure(List.of());
    }

    private int start(WebhookConfig config, String namespace) {
        server = WebhookScene.server(vertx, config, runner, leadership, metrics);
        return server.start(options(namespace));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WebhookType.class)
    void theSamplePayloadWithTheGoodSecretUpdatesExactlyTheMatchingImagesTheBadOneGets401(WebhookType type)
            throws Exception {
        String ns = NAMESPACES.next();
        String repository = "acme/" + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        registry.pushAll(repository, "1.0.0", "1.1.0");
        registry.pushAll(repository + "-other", "1.0.0", "1.1.0");
        String host = type == WebhookType.DISTRIBUTION ? registry.host() : Samples.registry(type);
        // Docker Hub images are written without a registry, as users write them.
        String image = type == WebhookType.DOCKER_HUB ? repository : host + "/" + repository;
        String elsewhere = (type == WebhookType.QUAY ? "ghcr.io/" : "quay.io/") + repository;
        scene.application(ns, "match", "web=" + image + ":~1", image + ":1.0.0");
        scene.application(ns, "same-name-other-registry", "web=" + elsewhere + ":~1", elsewhere + ":1.0.0");
        scene.application(ns, "other-repository", "web=" + image + "-other:~1", image + "-other:1.0.0");
        int port = start(TestWebhookConfig.allTypes(SECRET), ns);
        long listingsBefore = registry.requestCountUnder("GET", "/v2/");

        HttpResponse<String> forged = scene.postSample(port, type, "bad-secret", host, repository, "1.1.0");
        HttpResponse<String> missing = scene.postSample(port, type, null, host, repository, "1.1.0");

        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(401, missing.statusCode(), missing.body());
        Thread.sleep(WebhookServer.SETTLE.multipliedBy(3).toMillis());
        assertEquals(listingsBefore, registry.requestCountUnder("GET", "/v2/"), "a forged event costs nothing");
        assertNull(scene.images(ns, "match"));

        long processed = processed(meters, type);
        HttpResponse<String> good = scene.postSample(port, type, SECRET, host, repository, "1.1.0");

        assertEquals(202, good.statusCode(), good.body());
        await(() -> processed(meters, type) > processed, SOON);
        assertEquals(List.of(image + ":1.1.0"), scene.images(ns, "match"));
        assertNull(scene.images(ns, "same-name-other-registry"));
        assertNull(scene.images(ns, "other-repository"));
        assertEquals(0, registry.requestCount("GET", "/v2/" + repository + "-other/tags/list"));
        assertTrue(metrics.webhookEvents(type.value(), "accepted") >= 1);
        assertTrue(metrics.webhookEvents(type.value(), "rejected") >= 2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WebhookType.class)
    void anEventForARepositoryNothingTracksIsAcceptedAndCostsNoRegistryRequest(WebhookType type) throws Exception {
        String ns = NAMESPACES.next();
        String host = type == WebhookType.DISTRIBUTION ? registry.host() : Samples.registry(type);
        scene.application(ns, "tracked", "web=" + host + "/acme/tracked:~1", host + "/acme/tracked:1.0.0");
        int port = start(TestWebhookConfig.allTypes(SECRET), ns);
        long before = registry.requestCountUnder("GET", "/v2/");
        long processed = processed(meters, type);

        HttpResponse<String> answer = scene.postSample(port, type, SECRET, host, "acme/nobody-tracks-this", "2.0.0");

        assertEquals(202, answer.statusCode(), answer.body());
        await(() -> processed(meters, type) > processed, SOON);
        assertEquals(before, registry.requestCountUnder("GET", "/v2/"));
    }

    @Test
    void healthzAnswersOkAndOtherMethodsOrPathsAreRefused() {
        int port = start(TestWebhookConfig.allTypes(SECRET), NAMESPACES.next());

        assertEquals(200, scene.get(port, "/healthz").statusCode());
        assertEquals("OK", scene.get(port, "/healthz").body());
        assertEquals(405, scene.get(port, "/webhook").statusCode());
        assertEquals(404, scene.get(port, "/other").statusCode());
    }

    @Test
    void theTypeComesFromTheQueryOrTheXRegistryTypeHeaderAndMustBeServed() {
        String ns = NAMESPACES.next();
        int port = start(TestWebhookConfig.allTypes(SECRET).withSecrets(Map.of(WebhookType.HARBOR, SECRET), true), ns);
        byte[] body = Samples.body(WebhookType.HARBOR, "harbor.example.com", "acme/x", "1.0.0");
        Map<String, String> headers = Samples.headers(WebhookType.HARBOR, SECRET, body);

        HttpResponse<String> byHeader =
                scene.post(port, Map.of(), WebhookScene.with(headers, "X-Registry-Type", "harbor"), body);
        HttpResponse<String> none = scene.post(port, Map.of(), headers, body);
        HttpResponse<String> unknown = scene.post(port, Map.of("type", "nexus"), headers, body);
        HttpResponse<String> notServed = scene.post(port, Map.of("type", "quay.io"), headers, body);

        assertEquals(202, byHeader.statusCode(), byHeader.body());
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("missing registry type"), none.body());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("harbor"), "names the served types: " + unknown.body());
        assertEquals(400, notServed.statusCode(), "with require-secret, a type without a secret is not served");
    }

    @Test
    void aMalformedBodyGets400AndABodyOverOneMebibyte413() {
        int port = start(TestWebhookConfig.allTypes(SECRET), NAMESPACES.next());
        byte[] broken = "{\"events\": [".getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[WebhookServer.MAX_BODY + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        Map<String, String> auth = Map.of("Authorization", SECRET);

        HttpResponse<String> malformed = scene.post(port, Map.of("type", "distribution"), auth, broken);
        HttpResponse<String> tooLarge = scene.post(port, Map.of("type", "distribution"), auth, huge);
        HttpResponse<String> exactlyOneMebibyte =
                scene.post(port, Map.of("type", "distribution"), auth, new byte[WebhookServer.MAX_BODY]);

        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals(400, exactlyOneMebibyte.statusCode(), "read, and not JSON: " + exactlyOneMebibyte.body());
    }

    @Test
    void aPayloadWithoutATagPushIsIgnored() {
        int port = start(TestWebhookConfig.allTypes(SECRET), NAMESPACES.next());
        String pulls = new String(
                        Samples.body(WebhookType.DISTRIBUTION, registry.host(), "acme/web", "1.0.0"),
                        StandardCharsets.UTF_8)
                .replace("\"action\": \"push\"", "\"action\": \"pull\"");
        double before = metrics.webhookEvents("distribution", "ignored");

        HttpResponse<String> answer = scene.post(
                port,
                Map.of("type", "distribution"),
                Map.of("Authorization", SECRET),
                pulls.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(before + 1, metrics.webhookEvents("distribution", "ignored"));
    }

    @Test
    void requireSecretWithoutAnySecretRefusesToStartNamingTheFlags() {
        WebhookServer none = WebhookScene.server(
                vertx, TestWebhookConfig.allTypes(SECRET).withSecrets(Map.of(), true), runner, leadership, metrics);

        WebhookConfigException error = assertThrows(WebhookConfigException.class, none::check);

        assertTrue(error.getMessage().contains("--distribution-webhook-secret"), error.getMessage());
        assertTrue(error.getMessage().contains("--webhook-require-secret"), error.getMessage());
    }

    @Test
    void withoutRequireSecretTypesWithoutASecretAreServedUnauthenticated() {
        String ns = NAMESPACES.next();
        int port = start(TestWebhookConfig.allTypes(SECRET).withSecrets(Map.of(), false), ns);

        HttpResponse<String> answer = scene.postSample(port, WebhookType.QUAY, null, "quay.io", "acme/open", "1.0.0");

        assertEquals(202, answer.statusCode(), answer.body());
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterAndForgedRequestsDoNotUseItUp() {
        int port = start(TestWebhookConfig.allTypes(SECRET).withRateLimit(2), NAMESPACES.next());

        List<Integer> forged = List.of(
                scene.postSample(port, WebhookType.HARBOR, "bad", "harbor.example.com", "acme/a", "1.0.0")
                        .statusCode(),
                scene.postSample(port, WebhookType.HARBOR, "bad", "harbor.example.com", "acme/a", "1.0.0")
                        .statusCode(),
                scene.postSample(port, WebhookType.HARBOR, "bad", "harbor.example.com", "acme/a", "1.0.0")
                        .statusCode());
        int first = scene.postSample(port, WebhookType.HARBOR, SECRET, "harbor.example.com", "acme/a", "1.0.0")
                .statusCode();
        int second = scene.postSample(port, WebhookType.HARBOR, SECRET, "harbor.example.com", "acme/b", "1.0.0")
                .statusCode();
        HttpResponse<String> third =
                scene.postSample(port, WebhookType.HARBOR, SECRET, "harbor.example.com", "acme/c", "1.0.0");

        assertEquals(List.of(401, 401, 401), forged);
        assertEquals(202, first);
        assertEquals(202, second);
        assertEquals(429, third.statusCode(), third.body());
        long retryAfter =
                Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 1801, "one of two requests per hour is free again in 30 min");
    }
}
