package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to one registry endpoint: tag listing with pagination and the anonymous/basic Bearer token dance.
 * Thread-safe; one instance per endpoint, cached by {@link Registries}.
 */
public class RegistryClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final String LIST_TAGS = "listing tags";

    private final RegistryEndpoint endpoint;
    private final RegistryApis apis;
    private final DistributionApi api;
    private final EndpointCredentials credentials;
    private final UpdaterMetrics metrics;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<URI, TokenApi> tokenApis = new ConcurrentHashMap<>();
    private final RequestPacer pacer;
    private volatile AuthChallenge challenge;

    RegistryClient(RegistryEndpoint endpoint, RegistryApis apis, EndpointCredentials credentials,
            UpdaterMetrics metrics, Clock clock) {
        this.endpoint = endpoint;
        this.apis = apis;
        this.api = apis.distribution(endpoint);
        this.credentials = credentials;
        this.metrics = metrics;
        this.clock = clock;
        this.pacer = new RequestPacer(endpoint.limit());
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    /** All tags of a repository, following {@code Link: <…>; rel="next"} pages, in the registry's order. */
    public List<String> listTags(String repository) {
        List<String> tags = new ArrayList<>();
        Integer n = apis.settings().pageSize();
        String last = null;
        Set<String> seen = new HashSet<>();
        while (true) {
            Page page = fetchPage(repository, n, last);
            tags.addAll(page.tags());
            if (page.next() == null) {
                break;
            }
            Map<String, String> query = query(page.next());
            last = query.get("last");
            if (last == null || !seen.add(last)) {
                break;
            }
            n = query.containsKey("n") ? parsePageSize(query.get("n"), n) : n;
        }
        Log.debugf("Registry %s lists %d tags for %s", endpoint.registryHost(), tags.size(), repository);
        return List.copyOf(tags);
    }

    private Page fetchPage(String repository, Integer n, String last) {
        String scope = "repository:" + repository + ":pull";
        String authorization = knownAuthorization(repository, scope);
        try (Response first = send(repository, () -> api.listTags(repository, n, last, authorization))) {
            if (first.getStatus() != 401) {
                return readPage(first, repository);
            }
            AuthChallenge offered = AuthChallenge.parse(first.getHeaderString("WWW-Authenticate"));
            String answer = answer(offered, repository, scope);
            try (Response retry = send(repository, () -> api.listTags(repository, n, last, answer))) {
                return readPage(retry, repository);
            }
        }
    }

    /**
     * Sends one request with the authorization learned so far for this endpoint, answering a 401 challenge once
     * (Bearer token or Basic), exactly as {@link #listTags} does. Every attempt is counted. The caller closes the
     * response and maps its status.
     *
     * @param call sends the request given an {@code Authorization} header value (or {@code null})
     */
    Response authorized(String repository, Function<String, Response> call) {
        String scope = "repository:" + repository + ":pull";
        String authorization = knownAuthorization(repository, scope);
        Response first = send(repository, () -> call.apply(authorization));
        if (first.getStatus() != 401) {
            return first;
        }
        AuthChallenge offered = AuthChallenge.parse(first.getHeaderString("WWW-Authenticate"));
        first.close();
        String answer = answer(offered, repository, scope);
        return send(repository, () -> call.apply(answer));
    }

    /** An Authorization header from what we learned earlier, so later pages and repositories skip the 401. */
    private String knownAuthorization(String repository, String scope) {
        AuthChallenge known = challenge;
        if (known == null) {
            return null;
        }
        if (known.isBasic()) {
            return credentials.get().map(RegistryClient::basic).orElse(null);
        }
        BearerToken token = tokens.get(scope);
        if (token != null && token.validAt(clock.instant())) {
            return token.header();
        }
        return known.isBearer() ? fetchToken(known, repository, scope).header() : null;
    }

    private String answer(AuthChallenge offered, String repository, String scope) {
        if (offered == null) {
            throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository, 401, LIST_TAGS,
                    "no WWW-Authenticate challenge"));
        }
        challenge = offered;
        if (offered.isBasic()) {
            Optional<Credentials> creds = credentials.get();
            if (creds.isEmpty()) {
                throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository, 401, LIST_TAGS,
                        "the registry requires credentials and none are configured"));
            }
            return basic(creds.get());
        }
        if (offered.isBearer()) {
            return fetchToken(offered, repository, scope).header();
        }
        throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository, 401, LIST_TAGS,
                "unsupported authentication scheme " + offered.scheme()));
    }

    private BearerToken fetchToken(AuthChallenge offered, String repository, String scope) {
        URI realm = realm(offered, repository);
        TokenApi tokenApi = tokenApis.computeIfAbsent(realm, r -> apis.token(r, endpoint.insecure()));
        String authorization = credentials.get().map(RegistryClient::basic).orElse(null);
        String what = "token request to " + realm.getHost();
        try (Response response = send(repository, () -> tokenApi.token(offered.service(), scope, authorization))) {
            if (response.getStatus() != 200) {
                throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository,
                        response.getStatus(), what, authorization == null ? "anonymous" : "with credentials"));
            }
            JsonNode body = readJson(response, repository, what);
            String value = body.path("token").asText(body.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository, 200, what,
                        "the answer has no token"));
            }
            long expiresIn = body.path("expires_in").asLong(60);
            BearerToken token = new BearerToken(value, clock.instant().plusSeconds(expiresIn > 0 ? expiresIn : 60));
            tokens.put(scope, token);
            return token;
        }
    }

    private URI realm(AuthChallenge offered, String repository) {
        try {
            URI realm = offered.realm() == null ? null : URI.create(offered.realm());
            if (realm != null && realm.getHost() != null
                    && ("https".equals(realm.getScheme()) || "http".equals(realm.getScheme()))) {
                return realm;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository, 401, LIST_TAGS,
                "the Bearer challenge has no usable realm"));
    }

    private Response send(String repository, Supplier<Response> call) {
        pacer.await();
        metrics.registryRequest(endpoint.registryHost());
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (ProcessingException e) {
            throw failed(new RegistryUnavailableException(endpoint.registryHost(), repository, LIST_TAGS, e));
        }
    }

    private Page readPage(Response response, String repository) {
        int status = response.getStatus();
        if (status == 401 || status == 403) {
            throw failed(new RegistryAuthenticationException(endpoint.registryHost(), repository, status, LIST_TAGS,
                    "credentials rejected or missing"));
        }
        if (status == 404) {
            throw failed(new RepositoryNotFoundException(endpoint.registryHost(), repository, LIST_TAGS));
        }
        if (status != 200) {
            throw failed(new RegistryResponseException(endpoint.registryHost(), repository, status, LIST_TAGS));
        }
        JsonNode body = readJson(response, repository, LIST_TAGS);
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new Page(tags, nextLink(response.getHeaderString("Link")));
    }

    private JsonNode readJson(Response response, String repository, String what) {
        try {
            return json.readTree(response.readEntity(String.class));
        } catch (IOException | ProcessingException | IllegalStateException e) {
            // parser messages quote the body, which may hold a token: keep it out of the message and the cause
            throw failed(new RegistryUnavailableException(endpoint.registryHost(), repository, what,
                    "the answer is not readable JSON (" + e.getClass().getSimpleName() + ")"));
        }
    }

    RuntimeException failed(RegistryException e) {
        metrics.registryRequestFailed(endpoint.registryHost());
        return e;
    }

    static String nextLink(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = NEXT_LINK.matcher(header);
        return matcher.find() ? matcher.group(1) : null;
    }

    static Map<String, String> query(String link) {
        Map<String, String> params = new HashMap<>();
        int q = link.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : link.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static Integer parsePageSize(String text, Integer fallback) {
        try {
            int n = Integer.parseInt(text);
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String basic(Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private record Page(List<String> tags, String next) {
    }
}
