package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written stand-in for one forge's pull request API on loopback, written from the provider's API reference:
 * the real services (github.com, gitlab.com, Bitbucket, Azure DevOps) cannot run here. It keeps pull requests in
 * memory, checks the authentication header each provider documents, logs every request, and can be told to fail
 * every request with a status (its error body quotes the token, so a test can see it never reaches a message).
 */
public abstract class ForgeStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One pull request as the stand-in keeps it. */
    public static final class Pr {
        public int number;
        public String head;
        public String base;
        public String title;
        public String body;
        public String state = "open";
        public boolean draft;
        String author = "bot-id";
        int version;
        public final List<String> labels = new ArrayList<>();
        public final List<String> reviewers = new ArrayList<>();
        public final List<String> comments = new ArrayList<>();
        public String autoMerge;
    }

    record Answer(int status, Object json) {
        static Answer ok(Object json) {
            return new Answer(200, json);
        }

        static Answer created(Object json) {
            return new Answer(201, json);
        }
    }

    private final HttpServer server;
    protected final String token;
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<Pr> pullRequests = Collections.synchronizedList(new ArrayList<>());
    private volatile int failStatus;

    ForgeStandIn(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::serve);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The API base a Secret's {@code apiURL} names. */
    public abstract String api();

    /** Whether the request carries the provider's documented authentication with our token. */
    abstract boolean authorized(HttpExchange exchange);

    /** Answers one request; {@code path} is below {@link #api()}; {@code null} for 404. */
    abstract Answer handle(String method, String path, Map<String, String> query, JsonNode body);

    /** Every later request fails with this status (0: none). */
    public void failWith(int status) {
        failStatus = status;
    }

    public List<Pr> open() {
        synchronized (pullRequests) {
            return pullRequests.stream().filter(pr -> pr.state.equals("open")).toList();
        }
    }

    public Pr only() {
        if (pullRequests.size() != 1) {
            throw new AssertionError("expected one pull request, found " + pullRequests.size());
        }
        return pullRequests.get(0);
    }

    Pr create(String head, String base, String title, String body, boolean draft) {
        Pr pr = new Pr();
        pr.number = pullRequests.size() + 1;
        pr.head = head;
        pr.base = base;
        pr.title = title;
        pr.body = body;
        pr.draft = draft;
        pullRequests.add(pr);
        return pr;
    }

    Pr byNumber(String number) {
        synchronized (pullRequests) {
            return pullRequests.stream()
                    .filter(pr -> String.valueOf(pr.number).equals(number))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Whether {@code path} matches {@code regex}; the groups go to {@code groups}. */
    static boolean matches(String regex, String path, List<String> groups) {
        Matcher matcher = Pattern.compile(regex).matcher(path);
        if (!matcher.matches()) {
            return false;
        }
        groups.clear();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return true;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String full = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(method + " " + full + (query == null ? "" : "?" + query));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (failStatus != 0) {
                send(exchange, failStatus, Map.of("message", "refused for token " + token));
                return;
            }
            if (!authorized(exchange)) {
                send(exchange, 401, Map.of("message", "Bad credentials"));
                return;
            }
            String base = api().substring(origin().length());
            String path = full.startsWith(base) ? full.substring(base.length()) : full;
            JsonNode body = raw.length == 0 ? MissingNode.getInstance() : JSON.readTree(raw);
            Answer answer = handle(method, URLDecoder.decode(path, StandardCharsets.UTF_8), query(query), body);
            if (answer == null) {
                send(exchange, 404, Map.of("message", "Not Found: " + method + " " + path));
            } else {
                send(exchange, answer.status(), answer.json());
            }
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("message", String.valueOf(e)));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] bytes = json == null ? new byte[0] : JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
