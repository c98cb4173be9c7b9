package io.imageupdater.webhook;

import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.updater.CycleOptions;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.Leadership;
import io.imageupdater.updater.WebhookStatus;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The webhook server: {@code POST /webhook} and {@code GET /healthz} on its own port ({@code webhook.port}), apart
 * from the HTTP port of metrics and health, over TLS unless {@code disable-tls}. Bodies over 1 MiB get 413.
 * Request URLs are never logged with their query string (it may carry a secret).
 */
@ApplicationScoped
public class WebhookServer implements WebhookStatus {
    /** The largest body read. */
    public static final int MAX_BODY = 1024 * 1024;
    /** A body this much larger is not even drained: the connection is closed. */
    private static final long MAX_DRAINED = 16L * MAX_BODY;
    /** How long the worker lets a burst of events gather before a look-up. */
    static final Duration SETTLE = Duration.ofMillis(200);
    /** The least time between two targeted cycles. */
    static final Duration SPACING = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final WebhookConfig config;
    private final CycleRunner runner;
    private final Leadership leadership;
    private final UpdaterMetrics metrics;
    private HttpServer server;
    private EventQueue queue;
    private WebhookReceiver receiver;

    public WebhookServer(
            Vertx vertx, WebhookConfig config, CycleRunner runner, Leadership leadership, UpdaterMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.runner = runner;
        this.leadership = leadership;
        this.metrics = metrics;
    }

    /**
     * The types served, each with its secret: with {@code require-secret}, only types that have one (and at least
     * one must); without, every type.
     */
    public Map<WebhookType, Optional<String>> served() {
        Map<WebhookType, Optional<String>> served = new EnumMap<>(WebhookType.class);
        for (WebhookType type : WebhookType.values()) {
            Optional<String> secret = config.secret(type);
            if (secret.isPresent() || !config.requireSecret()) {
                served.put(type, secret);
            }
        }
        if (served.isEmpty()) {
            throw new WebhookConfigException(
                    "webhook: --webhook-require-secret is on but no webhook secret is set; set at least one of "
                            + String.join(", ", flags()) + " (or turn --webhook-require-secret off)");
        }
        return served;
    }

    /** Checks the settings; throws naming the bad one. */
    public void check() {
        if (config.port() < 0 || config.port() > 65535) {
            throw new WebhookConfigException("webhook-port: must be between 0 and 65535, not " + config.port());
        }
        if (config.queueSize() < 1) {
            throw new WebhookConfigException("webhook-queue-size: must be at least 1, not " + config.queueSize());
        }
        if (config.ratelimitAllowed() < 0) {
            throw new WebhookConfigException(
                    "webhook-ratelimit-allowed: must be 0 (off) or more, not " + config.ratelimitAllowed());
        }
        served();
    }

    /**
     * Starts serving; events run targeted cycles with {@code options}. Returns the port listened on.
     *
     * @throws WebhookConfigException when a setting is bad or the port cannot be opened
     */
    public synchronized int start(CycleOptions options) {
        if (server != null) {
            return server.actualPort();
        }
        check();
        Map<WebhookType, Optional<String>> served = served();
        HttpServerOptions http = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setDecompressionSupported(false);
        if (!config.disableTls()) {
            tls(http);
        }
        queue = new EventQueue(
                config.queueSize(), SETTLE, SPACING, target -> runner.runTargeted(options, target), metrics);
        receiver = new WebhookReceiver(
                served,
                leadership::mayRunCycles,
                new RateLimit(config.ratelimitAllowed(), System::nanoTime),
                queue,
                metrics);
        HttpServer created = vertx.createHttpServer(http).requestHandler(this::handle);
        try {
            server = created.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            queue.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WebhookConfigException(
                    "webhook: cannot listen on " + config.host() + ":" + config.port() + ": " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.close();
            throw new WebhookConfigException("webhook: interrupted while starting", e);
        }
        Log.infof(
                "webhook server listening on %s:%d (%s); types: %s",
                config.host(),
                server.actualPort(),
                config.disableTls() ? "plain HTTP" : "TLS",
                String.join(
                        ", ", served.keySet().stream().map(WebhookType::value).toList()));
        return server.actualPort();
    }

    /** Whether the receiver listens (the status page shows it then). */
    @Override
    public synchronized boolean enabled() {
        return server != null;
    }

    /** Port, transport and how many events of each result arrived; no secret, no URL. */
    @Override
    public synchronized String summary() {
        if (server == null) {
            return "webhook receiver off";
        }
        StringBuilder events = new StringBuilder();
        for (String result : List.of("accepted", "coalesced", "ignored", "rejected", "failed")) {
            double count = 0;
            for (WebhookType type : WebhookType.values()) {
                count += metrics.webhookEvents(type.value(), result);
            }
            count += "rejected".equals(result) ? metrics.webhookEvents("unknown", result) : 0;
            events.append(events.isEmpty() ? "" : ", ")
                    .append(result)
                    .append(' ')
                    .append((long) count);
        }
        return "webhook receiver on port " + server.actualPort() + " (" + (config.disableTls() ? "HTTP" : "TLS")
                + "); events: " + events;
    }

    /** Stops serving (new requests are refused; the queue takes no more). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Log.debugf("webhook server did not close cleanly: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
        server = null;
        Log.info("webhook server stopped");
    }

    void onShutdown(@Observes @Priority(0) ShutdownEvent event) {
        stop();
    }

    private void tls(HttpServerOptions http) {
        Path dir = Path.of(config.tlsDir());
        Path crt = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        http.setSsl(true).setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        if (nonEmpty(crt) && nonEmpty(key)) {
            try {
                http.setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(Files.readAllBytes(crt)))
                        .setKeyValue(Buffer.buffer(Files.readAllBytes(key))));
            } catch (IOException e) {
                throw new WebhookConfigException("webhook: cannot read " + crt + " or " + key + ": " + e, e);
            }
            Log.infof("webhook server: TLS certificate from %s", crt);
            return;
        }
        Log.infof("webhook server: no certificate in %s; using a self-signed one made in memory", dir);
        http.setKeyCertOptions(new PfxOptions()
                .setValue(Buffer.buffer(SelfSignedCertificate.pkcs12("image-updater-webhook", Instant.now())))
                .setPassword(SelfSignedCertificate.PASSWORD));
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.List<String> flags() {
        return java.util.Arrays.stream(WebhookType.values())
                .map(WebhookType::secretFlag)
                .toList();
    }

    private void handle(HttpServerRequest request) {
        long received = System.nanoTime();
        String path = request.path();
        Log.debugf("webhook: %s %s", request.method(), path); // never the query: it may carry a secret
        if ("/healthz".equals(path)) {
            boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
            request.response().setStatusCode(read ? 200 : 405).end(read ? "OK" : "");
            return;
        }
        if (!"/webhook".equals(path)) {
            request.response().setStatusCode(404).end("not found");
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(405).putHeader("Allow", "POST").end("use POST");
            return;
        }
        readBody(request, received);
    }

    /** Reads at most {@link #MAX_BODY} bytes; a larger body is drained (up to a bound) and answered 413. */
    private void readBody(HttpServerRequest request, long received) {
        Buffer body = Buffer.buffer();
        long[] seen = {0};
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] <= MAX_BODY) {
                body.appendBuffer(chunk);
            } else if (seen[0] > MAX_DRAINED && !request.response().ended()) {
                tooLarge(request);
                request.connection().close();
            }
        });
        request.exceptionHandler(error -> Log.debugf("webhook: request failed while reading: %s", error));
        request.endHandler(done -> {
            if (request.response().ended()) {
                return;
            }
            if (seen[0] > MAX_BODY) {
                tooLarge(request);
                return;
            }
            WebhookReceiver.Answer answer = receiver.receive(toRequest(request, body), received);
            var response = request.response()
                    .setStatusCode(answer.status())
                    .putHeader("Content-Type", "text/plain; charset=utf-8");
            if (answer.retryAfterSeconds() != null) {
                response.putHeader("Retry-After", String.valueOf(answer.retryAfterSeconds()));
            }
            response.end(answer.body() + "\n");
        });
    }

    private void tooLarge(HttpServerRequest request) {
        metrics.webhookEvent("unknown", "rejected");
        Log.warnf("webhook: request body over %d bytes; answered 413", MAX_BODY);
        request.response().setStatusCode(413).end("body larger than 1 MiB\n");
    }

    private static WebhookRequest toRequest(HttpServerRequest request, Buffer body) {
        Map<String, String> query = new HashMap<>();
        request.params().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(entry -> headers.putIfAbsent(entry.getKey(), entry.getValue()));
        return new WebhookRequest(query, headers, body.getBytes());
    }
}
