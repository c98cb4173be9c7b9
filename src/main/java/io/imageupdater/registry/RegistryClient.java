package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to one registry endpoint: tag listing with pagination, authentication (see {@link Authenticator}), one
 * credential refresh after a rejection, and retries of transient failures ({@link RetryPolicy}).
 * Thread-safe; one instance per endpoint, cached by {@link Registries}.
 */
public class RegistryClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final String LIST_TAGS = "listing tags";

    private final RegistryEndpoint endpoint;
    private final RegistryApis apis;
    private final DistributionApi api;
    private final ClientCredentials credentials;
    private final RegistryRequests requests;
    private final Authenticator authenticator;

    RegistryClient(
            RegistryEndpoint endpoint,
            RegistryApis apis,
            ClientCredentials credentials,
            UpdaterMetrics metrics,
            Clock clock) {
        this.endpoint = endpoint;
        this.apis = apis;
        this.api = apis.distribution(endpoint);
        this.credentials = credentials;
        this.requests = new RegistryRequests(endpoint, metrics, clock);
        this.authenticator = new Authenticator(endpoint, apis, requests, clock);
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    /** All tags of a repository with the endpoint's own credentials (or none). */
    public List<String> listTags(String repository) {
        return listTags(repository, credentials);
    }

    /** All tags of a repository, following {@code Link: <…>; rel="next"} pages, in the registry's order. */
    List<String> listTags(String repository, ClientCredentials presented) {
        List<String> tags = new ArrayList<>();
        Integer n = apis.settings().pageSize();
        String last = null;
        Set<String> seen = new HashSet<>();
        while (true) {
            Integer size = n;
            String after = last;
            Page page = apis.settings().retry().run(() -> fetchPage(repository, size, after, presented));
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

    /**
     * One page: present what we know, answer a 401's challenge, and after a rejection of credentials look them up
     * once more (they may have been rotated) before giving up.
     */
    private Page fetchPage(String repository, Integer n, String last, ClientCredentials presented) {
        String scope = authenticator.scope(repository);
        boolean refreshed = false;
        boolean answered = false;
        String authorization = authenticator.known(repository, scope, presented);
        while (true) {
            String sent = authorization;
            try (Response response =
                    requests.send(repository, LIST_TAGS, () -> api.listTags(repository, n, last, sent))) {
                int status = response.getStatus();
                if (status == 401 && !answered) {
                    answered = true;
                    authorization = authenticate(
                            response.getHeaderString("WWW-Authenticate"), repository, scope, presented, refreshed);
                    if (authorization != null) {
                        continue;
                    }
                } else if ((status != 401 && status != 403) || refreshed || !presented.present()) {
                    return readPage(response, repository);
                }
            }
            refresh(presented);
            refreshed = true;
            answered = false;
            authorization = authenticator.known(repository, scope, presented);
        }
    }

    /**
     * Sends one request (a manifest or blob read) with the same authentication as {@link #listTags}: what is known
     * up front, one challenge answered, one credential refresh after a rejection; transient failures retried. Every
     * attempt is counted. The caller closes the response and maps its status.
     *
     * @param call sends the request given an {@code Authorization} header value (or {@code null})
     */
    Response authorized(String repository, String what, ClientCredentials presented, Function<String, Response> call) {
        return apis.settings().retry().run(() -> authorizedOnce(repository, what, presented, call));
    }

    private Response authorizedOnce(
            String repository, String what, ClientCredentials presented, Function<String, Response> call) {
        String scope = authenticator.scope(repository);
        boolean refreshed = false;
        boolean answered = false;
        String authorization = authenticator.known(repository, scope, presented);
        while (true) {
            String sent = authorization;
            Response response = requests.send(repository, what, () -> call.apply(sent));
            int status = response.getStatus();
            if ((status != 401 || answered)
                    && ((status != 401 && status != 403) || refreshed || !presented.present())) {
                return response;
            }
            String challenge = response.getHeaderString("WWW-Authenticate");
            response.close();
            if (status == 401 && !answered) {
                answered = true;
                authorization = authenticate(challenge, repository, scope, presented, refreshed, what);
                if (authorization != null) {
                    continue;
                }
            }
            refresh(presented);
            refreshed = true;
            answered = false;
            authorization = authenticator.known(repository, scope, presented);
        }
    }

    /** The endpoint's own credentials (from {@code registries.conf}), or none. */
    ClientCredentials credentials() {
        return credentials;
    }

    /** Counts a failure of this registry and returns the exception to throw. */
    RegistryException failed(RegistryException e) {
        return requests.failed(e);
    }

    private String authenticate(
            String challengeHeader, String repository, String scope, ClientCredentials presented, boolean refreshed) {
        return authenticate(challengeHeader, repository, scope, presented, refreshed, LIST_TAGS);
    }

    /** The answer to a challenge; {@code null} when the token service refused credentials that may be refreshed. */
    private String authenticate(
            String challengeHeader,
            String repository,
            String scope,
            ClientCredentials presented,
            boolean refreshed,
            String what) {
        try {
            return authenticator.answer(challengeHeader, repository, scope, presented, what);
        } catch (RegistryAuthenticationException e) {
            if (refreshed || !presented.present() || (e.status() != 401 && e.status() != 403)) {
                throw e;
            }
            return null;
        }
    }

    private void refresh(ClientCredentials presented) {
        Log.debugf(
                "Registry %s refused the credentials of %s; looking them up again",
                endpoint.registryHost(), presented.identity());
        presented.get().ifPresent(presented::refresh);
        authenticator.forget(presented);
    }

    private Page readPage(Response response, String repository) {
        int status = response.getStatus();
        if (status == 401 || status == 403) {
            throw requests.failed(new RegistryAuthenticationException(
                    endpoint.registryHost(), repository, status, LIST_TAGS, "credentials rejected or missing"));
        }
        if (status == 404) {
            throw requests.failed(new RepositoryNotFoundException(endpoint.registryHost(), repository, LIST_TAGS));
        }
        if (status != 200) {
            throw requests.failed(
                    new RegistryResponseException(endpoint.registryHost(), repository, status, LIST_TAGS));
        }
        JsonNode body = requests.readJson(response, repository, LIST_TAGS);
        JsonNode list = body.path("tags");
        if (!list.isArray() && !list.isNull() && !list.isMissingNode()) {
            throw requests.failed(new RegistryUnavailableException(
                    endpoint.registryHost(), repository, LIST_TAGS, "the answer has no list of tags"));
        }
        List<String> tags = new ArrayList<>();
        list.forEach(tag -> tags.add(tag.asText()));
        return new Page(tags, nextLink(response.getHeaderString("Link")));
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
            params.putIfAbsent(
                    URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
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

    private record Page(List<String> tags, String next) {}
}
