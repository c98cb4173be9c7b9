package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.testing.TestRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The packaged application serving webhooks, end to end: a real docker-registry whose own notifications point at
 * it, a mock API server, and the Application updated within seconds of a push while polling is hourly.
 */
class WebhookIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aPushToARegistryWithNotificationsUpdatesTheApplicationWithinTenSecondsWhilePollingIsHourly() throws Exception {
        String secret = "notification-secret-3c9e";
        int port = freePort();
        Path out = Files.createTempFile("webhook-run", ".txt");
        try (MockApiServer api = new MockApiServer();
                TestRegistry registry = TestRegistry.startWithNotifications(
                        "http://127.0.0.1:" + port + "/webhook?type=distribution",
                        Map.of("Authorization", "Bearer " + secret))) {
            registry.pushAll("acme/web", "1.0.0", "1.1.0");
            String web = registry.host() + "/acme/web";
            api.createApplication("apps", "shop", "web=" + web + ":~1", web + ":1.0.0");
            Process process = start(
                    out,
                    Map.of(),
                    "run",
                    "--kubeconfig",
                    api.kubeconfig().toString(),
                    "--interval",
                    "1h",
                    "--enable-webhook",
                    "--webhook-port",
                    String.valueOf(port),
                    "--disable-tls",
                    "--distribution-webhook-secret",
                    secret);
            try {
                await(() -> List.of(web + ":1.1.0").equals(api.kustomizeImages("apps", "shop")), TIMEOUT, out);
                await(() -> read(out).contains("webhook server listening"), TIMEOUT, out);
                // The first poll is over (not skipped for the targeted cycles of the earlier pushes' notifications):
                // from now on only a webhook can bring 1.2.0 within the hour.
                await(() -> read(out).contains("] cycle finished:"), TIMEOUT, out);

                long pushed = System.nanoTime();
                registry.push("acme/web", "1.2.0");
                await(
                        () -> List.of(web + ":1.2.0").equals(api.kustomizeImages("apps", "shop")),
                        Duration.ofSeconds(10),
                        out);
                Duration took = Duration.ofNanos(System.nanoTime() - pushed);

                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
                await(() -> read(out).contains("webhook: distribution event " + web + ":1.2.0"), TIMEOUT, out);
                String log = read(out);
                assertTrue(log.contains("targeted cycle finished"), log);
                assertTrue(process.isAlive(), log);
            } finally {
                process.destroy();
                process.waitFor();
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void theWebhookCommandPollsNothingAndLogsNoQuerySecretEvenAtTrace() throws Exception {
        String secret = "quay-query-secret-8e21";
        int port = freePort();
        Path out = Files.createTempFile("webhook-cmd", ".txt");
        try (MockApiServer api = new MockApiServer();
                TestRegistry registry = TestRegistry.start()) {
            registry.pushAll("acme/api", "1.0.0", "1.3.0");
            String image = registry.host() + "/acme/api";
            api.createApplication("apps", "billing", "api=" + image + ":~1", image + ":1.0.0");
            Process process = start(
                    out,
                    Map.of("QUARKUS_LOG_LEVEL", "TRACE", "QUAY_WEBHOOK_SECRET", secret),
                    "webhook",
                    "--kubeconfig",
                    api.kubeconfig().toString(),
                    "--webhook-port",
                    String.valueOf(port),
                    "--disable-tls",
                    "--loglevel",
                    "trace");
            try {
                await(() -> read(out).contains("webhook server listening"), TIMEOUT, out);
                Thread.sleep(1500);
                assertEquals(0, registry.requestCountUnder("GET", "/v2/acme/api/tags/list"), "no polling");

                String body = """
                        {"name":"api","repository":"acme/api","namespace":"acme",
                         "docker_url":"%s/acme/api","homepage":"https://%s/repository/acme/api",
                         "updated_tags":["1.3.0"]}""".formatted(registry.host(), registry.host());
                int forged = post(port, "type=quay.io&secret=not-" + secret, body);
                int accepted = post(port, "type=quay.io&secret=" + secret, body);

                assertEquals(401, forged);
                assertEquals(202, accepted);
                await(() -> List.of(image + ":1.3.0").equals(api.kustomizeImages("apps", "billing")), TIMEOUT, out);
                await(() -> read(out).contains("webhook: quay.io event"), TIMEOUT, out);
                String log = read(out);
                assertTrue(log.contains(" TRACE "), "the process logged at TRACE");
                assertFalse(log.contains(secret), "the secret appears in the log");
            } finally {
                process.destroy();
                process.waitFor();
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void theWebhookCommandWithoutAnySecretFailsWithOneLine() {
        Jar.Result result =
                Jar.run(Map.of(), TIMEOUT, "webhook", "--webhook-port", "0", "--kubeconfig", "/nonexistent");

        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("--webhook-require-secret"), result.stderr());
    }

    private static int post(int port, String query, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook?" + query))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static Process start(Path out, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", Jar.JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KUBE") || name.startsWith("IMAGE_UPDATER"));
        builder.environment().put("HOME", Files.createTempDirectory("home").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void await(BooleanSupplier condition, Duration timeout, Path out) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ":\n" + read(out));
            }
            Thread.sleep(50);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
