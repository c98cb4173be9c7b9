package io.imageupdater.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback reverse proxy in front of a registry that delays every request by a fixed latency and counts requests by
 * kind. With {@code tokenAuth} it also plays Docker Hub's anonymous Bearer token dance: requests without a token get a
 * 401 challenge pointing at {@code /token}, which hands out tokens valid for five minutes.
 */
final class LatencyProxy implements AutoCloseable {
    static final List<String> KINDS = List.of("tagLists", "manifests", "blobs", "tokens", "challenges", "other");
    private static final Set<String> HOP_BY_HOP = Set.of(
            "host",
            "connection",
            "content-length",
            "transfer-encoding",
            "expect",
            "upgrade",
            "keep-alive",
            "authorization",
            "date");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    private final URI upstream;
    private final Duration latency;
    private final boolean tokenAuth;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    LatencyProxy(URI upstream, Duration latency, boolean tokenAuth) throws IOException {
        this.upstream = upstream;
        this.latency = latency;
        this.tokenAuth = tokenAuth;
        KINDS.forEach(kind -> counts.put(kind, new AtomicLong()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, as written in image references. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests seen so far, by kind, in {@link #KINDS} order. */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        KINDS.forEach(kind -> snapshot.put(kind, counts.get(kind).get()));
        return snapshot;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Thread.sleep(latency);
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/token")) {
                count("tokens");
                respond(exchange, 200, "{\"token\":\"bench-token\",\"expires_in\":300}");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (tokenAuth && !"Bearer bench-token".equals(authorization)) {
                count("challenges");
                exchange.getResponseHeaders()
                        .add(
                                "WWW-Authenticate",
                                "Bearer realm=\"http://" + host() + "/token\",service=\"bench\"" + scope(path));
                respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            count(kind(path));
            forward(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String scope(String path) {
        int end = path.indexOf("/tags/");
        end = end < 0 ? path.indexOf("/manifests/") : end;
        end = end < 0 ? path.indexOf("/blobs/") : end;
        return end < 4 ? "" : ",scope=\"repository:" + path.substring(4, end) + ":pull\"";
    }

    static String kind(String path) {
        if (path.endsWith("/tags/list")) {
            return "tagLists";
        }
        if (path.contains("/manifests/")) {
            return "manifests";
        }
        return path.contains("/blobs/") ? "blobs" : "other";
    }

    private void count(String kind) {
        counts.get(kind).incrementAndGet();
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
        executor.shutdownNow();
    }
}
