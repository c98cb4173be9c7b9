package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Talks to one registry endpoint: tag listing with pagination ({@link TagPages}), authentication (see
 * {@link Authenticator}), one credential refresh after a rejection, and retries of transient failures
 * ({@link RetryPolicy}). Credentials are resolved for every request, so the namespace rule is checked every time,
 * and they only ever go to the endpoint's own origin. Thread-safe; one instance per endpoint, cached by
 * {@link Registries}, closed when its endpoint is dropped.
 */
public class RegistryClient implements AutoCloseable {

    static final String LIST_TAGS = "listing tags";
    private static final int MAX_TAG_PAGE = 32 * 1024 * 1024;
    private static final int MAX_PAGES = 10_000;
    private static final String JSON = "application/json";

    private final RegistryEndpoint endpoint;
    private final RegistryApis apis;
    private final ClientCredentials credentials;
    private final RegistryRequests requests;
    private final Authenticator authenticator;

    RegistryClient(
            RegistryEndpoint endpoint,
            RegistryApis apis,
            HostPermits permits,
            ClientCredentials credentials,
            UpdaterMetrics metrics,
            Clock clock) {
        this.endpoint = endpoint;
        this.apis = apis;
        this.credentials = credentials;
        this.requests = new RegistryRequests(endpoint, apis, permits, metrics, clock);
        this.authenticator = new Authenticator(endpoint, requests, clock);
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    /** All tags of a repository with the endpoint's own credentials (or none). */
    public List<String> listTags(String repository) {
        return listTags(repository, credentials);
    }

    /**
     * All tags of a repository in the registry's order, following each {@code Link: <…>; rel="next"} URL as given
     * (relative or absolute, whatever its query). A next link that cannot be followed ends the list with a WARN.
     */
    List<String> listTags(String repository, ClientCredentials presented) {
        List<String> tags = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        Integer n = apis.settings().pageSize();
        URI page = url("/v2/" + repository + "/tags/list" + (n == null ? "" : "?n=" + n));
        while (page != null) {
            seen.add(page);
            URI current = page;
            // reading is retried with the request: an unreadable page is as transient as a failed one
            HttpAnswer answer = apis.settings().retry().run(() -> {
                HttpAnswer read = authorizedOnce(
                        new RegistryRequests.Request(
                                repository, LIST_TAGS, RegistryRequests.Method.GET, current, JSON, MAX_TAG_PAGE),
                        presented);
                tags.addAll(readTags(read, repository));
                return read;
            });
            page = next(answer, repository, seen, tags.size());
        }
        Log.debugf("Registry %s lists %d tags for %s", endpoint.registryHost(), tags.size(), repository);
        return List.copyOf(tags);
    }

    private URI next(HttpAnswer answer, String repository, Set<URI> seen, int listed) {
        TagPages.Next next = TagPages.next(answer.header("Link"), answer.url());
        if (next.url() == null && next.problem() == null) {
            return null;
        }
        String problem = next.problem();
        if (problem == null && seen.contains(next.url())) {
            problem = "it points back to a page already read";
        } else if (problem == null && seen.size() >= MAX_PAGES) {
            problem = "more than " + MAX_PAGES + " pages";
        }
        if (problem != null) {
            Log.warnf(
                    "Registry %s: the tag list of %s ends after %d tags because the next page's link cannot be"
                            + " followed: %s",
                    endpoint.registryHost(), repository, listed, problem);
            return null;
        }
        return next.url();
    }

    /** An absolute URL under the endpoint's API URL (which may carry a path prefix). */
    URI url(String path) {
        String base = endpoint.apiUrl().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /**
     * Sends one request (a manifest or blob read) with the same authentication as {@link #listTags}: what is known
     * up front, one challenge answered, one credential refresh after a rejection; transient failures retried. Every
     * attempt is counted; redirects are followed without credentials to other origins.
     */
    HttpAnswer authorized(RegistryRequests.Request request, ClientCredentials presented) {
        return apis.settings().retry().run(() -> authorizedOnce(request, presented));
    }

    /** @param request a request without an {@code Authorization} header; this method adds what is needed */
    private HttpAnswer authorizedOnce(RegistryRequests.Request request, ClientCredentials presented) {
        if (!requests.isHome(request.url())) {
            // a page link to another origin: our credentials stay with the registry
            return requests.send(request);
        }
        String repository = request.repository();
        String scope = authenticator.scope(repository);
        String owner = presented.owner();
        boolean refreshed = false;
        boolean answered = false;
        boolean unbatched = false;
        Optional<Credentials> resolved = presented.get();
        String authorization = authenticator.known(repository, scope, owner, resolved, request.what());
        while (true) {
            HttpAnswer answer = requests.send(request.withAuthorization(authorization));
            int status = answer.status();
            if (status == 401 && answered && !unbatched && authenticator.batched(authorization)) {
                unbatched = true; // a token asked for with other repositories that does not open this one
                answered = false;
            }
            if ((status != 401 || answered) && ((status != 401 && status != 403) || refreshed || resolved.isEmpty())) {
                return answer;
            }
            if (status == 401 && !answered) {
                answered = true;
                authorization = authenticate(
                        answer, repository, scope, owner, resolved, refreshed, request.what(), authorization);
                if (authorization != null) {
                    continue;
                }
            }
            resolved = refresh(presented, resolved);
            refreshed = true;
            answered = false;
            authorization = authenticator.known(repository, scope, owner, resolved, request.what());
        }
    }

    /** Tells the authentication that this cycle will read the repository, so a token may be asked for it early. */
    public void expect(String repository) {
        authenticator.expect(repository);
    }

    /** The endpoint's own credentials (from {@code registries.conf}), or none. */
    ClientCredentials credentials() {
        return credentials;
    }

    /** Counts a failure of this registry and returns the exception to throw. */
    RegistryException failed(RegistryException e) {
        return requests.failed(e);
    }

    RegistryRequests requests() {
        return requests;
    }

    /** The answer to a challenge; {@code null} when the token service refused credentials that may be refreshed. */
    private String authenticate(
            HttpAnswer answer,
            String repository,
            String scope,
            String owner,
            Optional<Credentials> resolved,
            boolean refreshed,
            String what,
            String rejected) {
        try {
            return authenticator.answer(
                    answer.header("WWW-Authenticate"), repository, scope, owner, resolved, what, rejected);
        } catch (RegistryAuthenticationException e) {
            if (refreshed || resolved.isEmpty() || (e.status() != 401 && e.status() != 403)) {
                throw e;
            }
            return null;
        }
    }

    private Optional<Credentials> refresh(ClientCredentials presented, Optional<Credentials> rejected) {
        Log.debugf(
                "Registry %s refused the credentials of %s; looking them up again",
                endpoint.registryHost(), presented.identity());
        rejected.ifPresent(authenticator::forget);
        return rejected.isPresent() ? presented.refresh(rejected.get()) : presented.get();
    }

    private List<String> readTags(HttpAnswer answer, String repository) {
        int status = answer.status();
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
        JsonNode body = requests.readJson(answer, repository, LIST_TAGS);
        JsonNode list = body.path("tags");
        if (!list.isArray() && !list.isNull() && !list.isMissingNode()) {
            throw requests.failed(new RegistryUnavailableException(
                    endpoint.registryHost(), repository, LIST_TAGS, "the answer has no list of tags"));
        }
        List<String> tags = new ArrayList<>();
        list.forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    /** Releases the client's connections; later requests fail. */
    @Override
    public void close() {
        requests.close();
    }
}
