package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP front for a real {@link TestRegistry} on a loopback address ({@code 127.0.0.1}, or a second host such as
 * {@code 127.0.0.2}): forwards {@code GET}/{@code HEAD} to the registry and copies the answer back. On top it can
 * require Basic credentials, answer some paths with a redirect, hold every request a while, and it records every
 * request with the {@code Authorization} header it carried and the most requests it ever had in flight at once.
 */
public final class RegistryProxy implements AutoCloseable {

    /** A recorded request: method, raw path and query, and the {@code Authorization} header or {@code null}. */
    public record Seen(String method, String pathAndQuery, String authorization) {}

    private final HttpServer server;
    private final URI upstream;
    private final String host;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile String requiredBasic;
    private volatile Function<URI, String> redirects = uri -> null;
    private volatile long delayMillis;
    private volatile boolean refuseAuthorization;
    private volatile boolean anonymousPing;
    private volatile Function<URI, Served> served = uri -> null;

    /** An answer the front gives itself: status, content type, body. */
    public record Served(int status, String contentType, byte[] body) {}

    private RegistryProxy(String host, URI upstream) throws IOException {
        this.host = host;
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(host, 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A front on {@code host} (a loopback address) for the registry at {@code upstream}. */
    public static RegistryProxy start(String host, URI upstream) {
        try {
            return new RegistryProxy(host, upstream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers 401 with a Basic challenge unless these credentials are presented. */
    public RegistryProxy requireBasic(String username, String password) {
        requiredBasic = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Answers {@code GET /v2/} itself with 200 to anyone, as registries that allow anonymous access to the API root
     * but protect their repositories do (Argo CD Image Updater #1797).
     */
    public RegistryProxy allowAnonymousPing() {
        anonymousPing = true;
        return this;
    }

    /**
     * Answers 400 to any request that carries an {@code Authorization} header, as S3 does to a presigned URL
     * presented together with another authentication mechanism.
     */
    public RegistryProxy refuseAuthorization() {
        refuseAuthorization = true;
        return this;
    }

    /**
     * Answers {@code 307} with the {@code Location} the function gives for a request URI (path and query), or
     * forwards when it gives {@code null}. Checked after the credentials.
     */
    public RegistryProxy redirect(Function<URI, String> locations) {
        redirects = locations;
        return this;
    }

    /**
     * Answers a request itself when the function gives an answer for its URI (path and query), else forwards: a
     * stand-in for an endpoint the registry does not implement (the OCI 1.1 Referrers API). Checked after redirects.
     */
    public RegistryProxy serve(Function<URI, Served> answers) {
        served = answers;
        return this;
    }

    /** Holds every request this long before answering. */
    public RegistryProxy delay(Duration delay) {
        delayMillis = delay.toMillis();
        return this;
    }

    /** {@code host:port}, as written in image references. */
    public String host() {
        return host + ":" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + host());
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(new Seen(exchange.getRequestMethod(), uri.toString(), authorization));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (anonymousPing && uri.getPath().equals("/v2/")) {
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (refuseAuthorization && authorization != null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String basic = requiredBasic;
            if (basic != null && !basic.equals(authorization)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"proxy\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String location = redirects.apply(uri);
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            Served own = served.apply(uri);
            if (own != null) {
                if (own.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", own.contentType());
                }
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(own.status(), head || own.body().length == 0 ? -1 : own.body().length);
                if (!head && own.body().length > 0) {
                    exchange.getResponseBody().write(own.body());
                }
                return;
            }
            forward(exchange, uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void forward(HttpExchange exchange, URI uri) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (List.of("content-type", "docker-content-digest", "link", "www-authenticate")
                    .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, header.getValue());
            }
        }
        byte[] body = response.body();
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
