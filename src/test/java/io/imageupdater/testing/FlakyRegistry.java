package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback distribution API whose tag listing misbehaves on demand: each queued {@link Fault} answers one request,
 * then it answers normally (or keeps failing with {@link #down(Fault)} until {@link #recover()}).
 */
public final class FlakyRegistry implements AutoCloseable {

    /** One way to misbehave. */
    public enum Fault {
        /** 429 with {@code Retry-After: 1}. */
        TOO_MANY_REQUESTS,
        SERVICE_UNAVAILABLE,
        BAD_GATEWAY,
        /** Answers only after 2 seconds. */
        SLOW,
        /** Promises more bytes than it sends, then closes. */
        TRUNCATED,
        /** 200 with a body that is not JSON. */
        GARBAGE
    }

    private final HttpServer server;
    private final List<String> tags;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Fault persistent;

    private FlakyRegistry(List<String> tags) throws IOException {
        this.tags = List.copyOf(tags);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v2/", this::handle);
        server.start();
    }

    /** Serves every repository with these tags. */
    public static FlakyRegistry start(List<String> tags) {
        try {
            return new FlakyRegistry(tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized FlakyRegistry then(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    public FlakyRegistry down(Fault fault) {
        persistent = fault;
        return this;
    }

    public FlakyRegistry recover() {
        persistent = null;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    private synchronized Fault nextFault() {
        return persistent != null ? persistent : faults.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Fault fault = nextFault();
        try (exchange) {
            if (fault == null) {
                String body = "{\"name\":\"acme/web\",\"tags\":["
                        + String.join(
                                ",", tags.stream().map(t -> "\"" + t + "\"").toList()) + "]}";
                send(exchange, 200, body);
                return;
            }
            switch (fault) {
                case TOO_MANY_REQUESTS -> {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}");
                }
                case SERVICE_UNAVAILABLE -> send(exchange, 503, "unavailable");
                case BAD_GATEWAY -> send(exchange, 502, "bad gateway");
                case SLOW -> {
                    sleep(2000);
                    send(exchange, 200, "{\"tags\":[]}");
                }
                case TRUNCATED -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 1000);
                    OutputStream out = exchange.getResponseBody();
                    out.write("{\"name\":\"acme/web\",\"tags\":[\"1.".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    exchange.getHttpContext().getServer();
                    throw new IOException("truncated on purpose");
                }
                case GARBAGE -> send(exchange, 200, "<html>not json</html>");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
