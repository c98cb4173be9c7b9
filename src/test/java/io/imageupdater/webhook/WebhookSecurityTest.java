package io.imageupdater.webhook;

import static io.imageupdater.webhook.WebhookScene.await;
import static io.imageupdater.webhook.WebhookScene.options;
import static io.imageupdater.webhook.WebhookScene.processed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.CycleStatus;
import io.imageupdater.updater.LeaderElection;
import io.imageupdater.updater.Leadership;
import io.imageupdater.updater.LeaseSettings;
import io.imageupdater.updater.UpdateCycle;
import io.imageupdater.updater.UpdaterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may send events: only the leader takes them, TLS by default, and secrets never reach a log line. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WebhookSecurityTest {
    private static final String SECRET = WebhookServerTest.SECRET;
    private static final Namespaces NAMESPACES = new Namespaces("webhook-security");

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
    KubernetesClient client;

    @Inject
    UpdateCycle cycle;

    @Inject
    UpdaterConfig config;

    @Inject
    CycleStatus status;

    @Inject
    Scheduler scheduler;

    private WebhookScene scene;
    private final List<WebhookServer> servers = new java.util.ArrayList<>();

    @BeforeEach
    void scene() {
        scene = new WebhookScene(client);
    }

    @AfterEach
    void stop() {
        servers.forEach(WebhookServer::stop);
        servers.clear();
    }

    private int start(WebhookConfig config, Leadership role, CycleRunner cycles, String namespace) {
        WebhookServer server = WebhookScene.server(vertx, config, cycles, role, metrics);
        servers.add(server);
        return server.start(options(namespace));
    }

    @Test
    void aStandbyReplicaAnswers503WithRetryAfterAndTheLeaderAccepts() throws Exception {
        String ns = NAMESPACES.next();
        Leadership a = new Leadership();
        Leadership b = new Leadership();
        try (LeaderElection electionA = election(a, "replica-a");
                LeaderElection electionB = election(b, "replica-b")) {
            electionA.start();
            await(() -> a.role() == Leadership.Role.LEADER, Duration.ofSeconds(10));
            electionB.start();
            await(() -> b.role() == Leadership.Role.STANDBY, Duration.ofSeconds(10));
            int leader = start(
                    TestWebhookConfig.allTypes(SECRET), a, new CycleRunner(cycle, config, status, scheduler, a), ns);
            int standby = start(
                    TestWebhookConfig.allTypes(SECRET), b, new CycleRunner(cycle, config, status, scheduler, b), ns);

            HttpResponse<String> refused =
                    scene.postSample(standby, WebhookType.HARBOR, SECRET, "harbor.example.com", "acme/web", "1");
            HttpResponse<String> accepted =
                    scene.postSample(leader, WebhookType.HARBOR, SECRET, "harbor.example.com", "acme/web", "1");

            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals(
                    String.valueOf(WebhookReceiver.RETRY_AFTER_SECONDS),
                    refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(202, accepted.statusCode(), accepted.body());
        }
    }

    private LeaderElection election(Leadership role, String identity) {
        LeaseSettings settings = new LeaseSettings(
                "webhook-lease",
                "image-updater-webhook-test",
                identity,
                Duration.ofSeconds(3),
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                true);
        return new LeaderElection(client, settings, role, () -> {});
    }

    @Test
    void withoutCertificateFilesTlsUsesASelfSignedCertificateMadeInMemory() throws Exception {
        int port = start(
                TestWebhookConfig.allTypes(SECRET).withTls("/nonexistent"), leadership, runner, NAMESPACES.next());

        HttpResponse<String> health = https(port);

        assertEquals(200, health.statusCode());
        X509Certificate certificate =
                (X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals(
                "CN=image-updater-webhook",
                certificate.getSubjectX500Principal().getName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void theCertificateComesFromTlsCrtAndTlsKeyWhenMounted() throws Exception {
        Path dir = Files.createTempDirectory("webhook-tls");
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=mounted-certificate",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        dir.resolve("tls.key").toString(),
                        "-out",
                        dir.resolve("tls.crt").toString())
                .redirectErrorStream(true)
                .start();
        assertEquals(0, openssl.waitFor(), new String(openssl.getInputStream().readAllBytes()));
        int port = start(
                TestWebhookConfig.allTypes(SECRET).withTls(dir.toString()), leadership, runner, NAMESPACES.next());

        HttpResponse<String> health = https(port);

        X509Certificate certificate =
                (X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals(
                "CN=mounted-certificate", certificate.getSubjectX500Principal().getName());
    }

    @Test
    void aSecretGivenAsAQueryParameterNeverAppearsInAnyLogLineAtAnyLevel() throws Exception {
        String ns = NAMESPACES.next();
        String secret = "query-secret-7d3b9a";
        String wrong = "wrong-secret-55e1c0";
        int port = start(TestWebhookConfig.allTypes(secret), leadership, runner, ns);
        List<Logger> quiet = List.of(Logger.getLogger("io.vertx"), Logger.getLogger("io.netty"), Logger.getLogger(""));
        List<Level> before = quiet.stream().map(Logger::getLevel).toList();
        quiet.forEach(logger -> logger.setLevel(Level.FINEST));
        try (CapturedLog log = CapturedLog.start()) {
            long processed = processed(meters, WebhookType.DOCKER_HUB);
            for (WebhookType type : List.of(WebhookType.DOCKER_HUB, WebhookType.QUAY, WebhookType.ALIYUN_ACR)) {
                scene.postSample(port, type, secret, Samples.registry(type), "acme/logged", "1.0.0");
                scene.postSample(port, type, wrong, Samples.registry(type), "acme/logged", "1.0.0");
            }
            scene.post(port, Map.of("type", "docker.io", "secret", secret), Map.of(), "not json".getBytes());
            scene.post(port, Map.of("type", "nexus", "secret", secret), Map.of(), "{}".getBytes());
            scene.post(port, Map.of("type", "cloudevents", "secret", secret), Map.of(), "{}".getBytes());
            scene.get(port, "/healthz?secret=" + secret);
            await(() -> processed(meters, WebhookType.DOCKER_HUB) > processed, Duration.ofSeconds(20));

            assertTrue(log.sawDebugOrTrace(), "the scan covered DEBUG and TRACE");
            assertTrue(log.lines().size() > 5, log.lines().toString());
            assertEquals(List.of(), log.containing(secret));
            assertEquals(List.of(), log.containing(wrong));
        } finally {
            for (int i = 0; i < quiet.size(); i++) {
                quiet.get(i).setLevel(before.get(i));
            }
        }
    }

    private static HttpResponse<String> https(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll).build();
        return http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
