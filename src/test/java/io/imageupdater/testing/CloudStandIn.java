package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The common part of the hand-written stand-ins for the clouds' token services (written from each provider's API
 * reference, since the real services cannot run here): an HTTP server on loopback, a count of token requests, a
 * switch that makes the service fail, and the tokens to issue in turn (the last one repeats).
 */
public abstract class CloudStandIn implements AutoCloseable {
    protected final HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    protected CloudStandIn(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }

    protected static HttpServer http() {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tokens to issue, in turn; the last one is issued again once the others are used up. */
    public void issue(String... next) {
        tokens.clear();
        tokens.addAll(List.of(next));
    }

    /** How many tokens were issued so far. */
    public int issued() {
        return issued.get();
    }

    /** Makes the token service answer 500 (or serve again). */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    protected boolean isFailing() {
        return failing;
    }

    /** The next token to issue, counted. */
    protected String nextToken() {
        int n = issued.getAndIncrement();
        return tokens.get(Math.min(n, tokens.size() - 1));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    public URI url() {
        return URI.create("http://" + hostAndPort());
    }

    protected static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    protected static void answer(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
