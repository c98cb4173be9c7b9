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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A tiny loopback stand-in for a distribution registry and its token service (JDK {@code HttpServer}), for what
 * {@link TestRegistry} cannot do: {@code tags/list} pagination with {@code n}/{@code last}/{@code Link} (the packaged
 * docker-registry 2.8 ignores {@code n} on tags) and {@code Bearer} token authentication.
 */
public final class FakeRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<String>> repositories = new ConcurrentHashMap<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> tokenScopes = new ConcurrentHashMap<>();
    private final List<List<String>> scopeRequests = new CopyOnWriteArrayList<>();
    private volatile boolean refuseSeveralScopes;
    private volatile int grantedScopes = Integer.MAX_VALUE;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile boolean bearer;
    private volatile String tokenAuthorization;
    private volatile String tokenField = "token";
    private volatile long expiresIn = 300;
    private volatile Integer defaultPageSize;
    private volatile long delayMillis;
    private volatile LinkStyle linkStyle = LinkStyle.LAST;

    /** How the {@code Link} header names the next page of a tag list. */
    public enum LinkStyle {
        /** {@code </v2/…/tags/list?last=…&n=…>; rel="next"}, as distribution writes it */
        LAST,
        /** an absolute URL with an opaque {@code page_token} and an extra parameter, no {@code last} (as GAR/ECR do) */
        ABSOLUTE_TOKEN,
        /** a next link that is not an http(s) URL */
        NOT_HTTP,
        /** a next link back to the page just served */
        LOOP
    }

    private FakeRegistry(HttpServer server) {
        this.server = server;
    }

    public static FakeRegistry start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeRegistry registry = new FakeRegistry(server);
            server.createContext("/v2/", registry::distribution);
            server.createContext("/token", registry::token);
            server.start();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pages tag lists by this many tags even when the client asks for no page size (as Docker Hub does). */
    public FakeRegistry withDefaultPageSize(int tags) {
        this.defaultPageSize = tags;
        return this;
    }

    /** Answers {@code tags/list} only after this long, to keep an update cycle in flight. */
    public FakeRegistry withDelay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    /** Names the next page of tag lists this way. */
    public FakeRegistry withLinkStyle(LinkStyle style) {
        this.linkStyle = style;
        return this;
    }

    /** Serves these tags for the repository (returned sorted, as distribution 3 does). */
    public FakeRegistry withTags(String repository, List<String> tags) {
        repositories.put(repository, tags.stream().sorted().toList());
        return this;
    }

    /** Answers {@code tags/list} with 401 and a Bearer challenge unless a token from {@code /token} is presented. */
    public FakeRegistry requireBearerToken() {
        bearer = true;
        return this;
    }

    /** The token service answers 400 to a request with more than one {@code scope} parameter. */
    public FakeRegistry refuseSeveralScopes() {
        refuseSeveralScopes = true;
        return this;
    }

    /** The token service grants only the first {@code n} scopes of a request (the token works for those only). */
    public FakeRegistry grantOnlyFirstScopes(int n) {
        grantedScopes = n;
        return this;
    }

    /** The {@code scope} parameters of each token request so far. */
    public List<List<String>> scopeRequests() {
        return List.copyOf(scopeRequests);
    }

    /** The token service demands these basic credentials. */
    public FakeRegistry requireTokenCredentials(String username, String password) {
        tokenAuthorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Which JSON field carries the token ({@code token} or {@code access_token}) and its lifetime. */
    public FakeRegistry tokenAnswer(String field, long expiresInSeconds) {
        tokenField = field;
        expiresIn = expiresInSeconds;
        return this;
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + host());
    }

    /** Requests to {@code /v2/…} so far, as {@code path?query [auth scheme]}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void distribution(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestURI() + " ["
                + (authorization == null ? "none" : authorization.split(" ")[0]) + "]");
        if (!path.endsWith("/tags/list")) {
            respond(exchange, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}", Map.of());
            return;
        }
        String repository = path.substring("/v2/".length(), path.length() - "/tags/list".length());
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (bearer
                && (authorization == null
                        || !authorization.startsWith("Bearer ")
                        || !tokenScopes
                                .getOrDefault(authorization.substring("Bearer ".length()), Set.of())
                                .contains("repository:" + repository + ":pull"))) {
            respond(
                    exchange,
                    401,
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}",
                    Map.of(
                            "WWW-Authenticate",
                            "Bearer realm=\"" + url() + "/token\",service=\"fake-registry\",scope=\"repository:"
                                    + repository + ":pull\""));
            return;
        }
        List<String> tags = repositories.get(repository);
        if (tags == null) {
            respond(exchange, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}", Map.of());
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<String> page = new ArrayList<>(tags);
        String last = query.containsKey("page_token")
                ? new String(Base64.getUrlDecoder().decode(query.get("page_token")), StandardCharsets.UTF_8)
                : query.get("last");
        if (query.containsKey("page_token") && !"a+b".equals(query.get("extra"))) {
            respond(exchange, 400, "{\"errors\":[{\"code\":\"PAGINATION_NUMBER_INVALID\"}]}", Map.of());
            return;
        }
        if (last != null) {
            page.removeIf(tag -> tag.compareTo(last) <= 0);
        }
        Map<String, String> headers = new HashMap<>();
        Integer pageSize = query.containsKey("n") ? Integer.valueOf(query.get("n")) : defaultPageSize;
        if (pageSize != null && page.size() > pageSize) {
            int n = pageSize;
            page = page.subList(0, n);
            headers.put("Link", nextLink(repository, page.get(n - 1), n, exchange.getRequestURI()));
        }
        String body = page.stream()
                .map(tag -> "\"" + tag + "\"")
                .collect(Collectors.joining(",", "{\"name\":\"" + repository + "\",\"tags\":[", "]}"));
        respond(exchange, 200, body, headers);
    }

    private String nextLink(String repository, String last, int n, URI requested) {
        String target = switch (linkStyle) {
            case LAST -> "/v2/" + repository + "/tags/list?last=" + last + "&n=" + n;
            case ABSOLUTE_TOKEN ->
                url() + "/v2/" + repository + "/tags/list?page_token="
                        + Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8))
                        + "&extra=a%2Bb&n=" + n;
            case NOT_HTTP -> "ftp://" + host() + "/v2/" + repository + "/tags/list?last=" + last;
            case LOOP -> requested.toString();
        };
        return "<" + target + ">; rel=\"next\"";
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String required = tokenAuthorization;
        if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"details\":\"incorrect username or password\"}", Map.of());
            return;
        }
        List<String> scopes = new ArrayList<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            if (pair.startsWith("scope=")) {
                scopes.add(URLDecoder.decode(pair.substring("scope=".length()), StandardCharsets.UTF_8));
            }
        }
        scopeRequests.add(List.copyOf(scopes));
        if (!"fake-registry".equals(query.get("service"))
                || scopes.isEmpty()
                || scopes.stream().anyMatch(scope -> !scope.startsWith("repository:"))
                || refuseSeveralScopes && scopes.size() > 1) {
            respond(exchange, 400, "{\"details\":\"bad service or scope\"}", Map.of());
            return;
        }
        String token = "token-" + tokenRequests.get();
        issuedTokens.add(token);
        tokenScopes.put(token, Set.copyOf(scopes.subList(0, Math.min(scopes.size(), grantedScopes))));
        respond(exchange, 200, "{\"" + tokenField + "\":\"" + token + "\",\"expires_in\":" + expiresIn + "}", Map.of());
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
