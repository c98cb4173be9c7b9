package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Sends the requests of one registry endpoint: paced to its {@code limit}, at most
 * {@code image-updater.registry.max-concurrent} in flight to its host, counted, redirects followed here (never by the
 * HTTP client) with the {@code Authorization} header dropped as soon as scheme, host or port change, at most
 * {@value #MAX_REDIRECTS} hops. Transport failures, throttling and unreadable answers become
 * {@link RegistryException}s that name the registry and never quote a body or a query string.
 */
final class RegistryRequests implements AutoCloseable {

    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_CLIENTS = 16;

    enum Method {
        GET,
        HEAD
    }

    /**
     * One request.
     *
     * @param what          what it is for, in messages ({@code listing tags})
     * @param url           absolute, sent as given
     * @param accept        the {@code Accept} header, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param maxBody       the largest body read; a larger one is an error
     */
    record Request(
            String repository, String what, Method method, URI url, String accept, String authorization, int maxBody) {

        /** A request without credentials, for a caller that authorizes it (see {@link RegistryClient}). */
        Request(String repository, String what, Method method, URI url, String accept, int maxBody) {
            this(repository, what, method, url, accept, null, maxBody);
        }

        Request withAuthorization(String header) {
            return new Request(repository, what, method, url, accept, header, maxBody);
        }
    }

    private final RegistryEndpoint endpoint;
    private final String registry;
    private final Origin home;
    private final RegistryApis apis;
    private final HostPermits permits;
    private final RequestPacer pacer;
    private final UpdaterMetrics metrics;
    private final Clock clock;
    private final Map<Origin, ResourceApi> clients = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean closed;

    RegistryRequests(
            RegistryEndpoint endpoint, RegistryApis apis, HostPermits permits, UpdaterMetrics metrics, Clock clock) {
        this.endpoint = endpoint;
        this.registry = endpoint.registryHost();
        this.home = Origin.of(endpoint.apiUrl());
        this.apis = apis;
        this.permits = permits;
        this.pacer = permits.pacer(home.host() + ":" + home.port(), endpoint.limit());
        this.metrics = metrics;
        this.clock = clock;
    }

    String registry() {
        return registry;
    }

    /** Whether a URL has the endpoint's own origin, the only one its credentials may go to. */
    boolean isHome(URI url) {
        return Origin.of(url).equals(home);
    }

    /**
     * Sends one request and reads its answer completely, following redirects. 429/502/503/504 become
     * {@link RegistryBusyException}; other statuses are returned.
     */
    HttpAnswer send(Request request) {
        if (closed) {
            throw new RegistryException("the client of registry " + registry + " is closed: its endpoint was dropped");
        }
        if (pacer.await()) {
            metrics.registryRateLimitWait(registry);
        }
        Semaphore permit = permits.acquire(home.host() + ":" + home.port());
        try {
            return follow(request);
        } finally {
            permit.release();
        }
    }

    private HttpAnswer follow(Request request) {
        URI url = request.url();
        String authorization = request.authorization();
        for (int redirects = 0; ; redirects++) {
            metrics.registryRequest(registry);
            try (Response response = call(request, url, authorization)) {
                int status = response.getStatus();
                String location = response.getHeaderString("Location");
                if (REDIRECTS.contains(status) && location != null && !location.isBlank()) {
                    URI next = next(url, location.strip(), request);
                    if (redirects == MAX_REDIRECTS) {
                        throw failed(new RegistryRedirectException(
                                registry,
                                request.repository(),
                                request.what(),
                                "more than " + MAX_REDIRECTS + " redirects, the last to " + Origin.redact(next)));
                    }
                    if (authorization != null && !Origin.same(url, next)) {
                        Log.debugf(
                                "Registry %s redirects %s to %s; sending no credentials there",
                                registry, request.what(), Origin.of(next));
                        authorization = null;
                    }
                    url = next;
                    continue;
                }
                if (status == 429 || status == 502 || status == 503 || status == 504) {
                    if (status == 429) {
                        metrics.registryRateLimitWait(registry);
                    }
                    throw failed(new RegistryBusyException(
                            registry,
                            request.repository(),
                            status,
                            request.what(),
                            RetryPolicy.parseRetryAfter(response.getHeaderString("Retry-After"), clock.instant())));
                }
                return new HttpAnswer(status, headers(response), body(response, request, status), url);
            }
        }
    }

    private URI next(URI current, String location, Request request) {
        try {
            URI next = current.resolve(URI.create(location));
            Origin.of(next);
            return next;
        } catch (IllegalArgumentException e) {
            throw failed(new RegistryRedirectException(
                    registry,
                    request.repository(),
                    request.what(),
                    "redirected from " + Origin.redact(current) + " to a location that is not an http(s) URL"));
        }
    }

    private Response call(Request request, URI url, String authorization) {
        Origin origin = Origin.of(url);
        ResourceApi api = clients.get(origin);
        boolean oneOff = false;
        if (api == null) {
            if (clients.size() < MAX_CLIENTS) {
                api = clients.computeIfAbsent(origin, o -> apis.resource(o, endpoint));
            } else {
                api = apis.resource(origin, endpoint);
                oneOff = true;
            }
        }
        try {
            Response response = request.method() == Method.HEAD
                    ? api.head(url.toString(), request.accept(), authorization)
                    : api.get(url.toString(), request.accept(), authorization);
            if (oneOff) {
                response.bufferEntity();
            }
            return response;
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (ProcessingException e) {
            throw failed(new RegistryUnavailableException(registry, request.repository(), request.what(), e));
        } finally {
            if (oneOff) {
                RegistryApis.close(api);
            }
        }
    }

    private byte[] body(Response response, Request request, int status) {
        if (request.method() == Method.HEAD || status < 200 || status >= 300) {
            return new byte[0];
        }
        String length = response.getHeaderString("Content-Length");
        if (length != null
                && length.strip().matches("\\d{1,18}")
                && Long.parseLong(length.strip()) > request.maxBody()) {
            throw tooLarge(request);
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            if (in == null) {
                return new byte[0];
            }
            byte[] body = in.readNBytes(request.maxBody() + 1);
            if (body.length > request.maxBody()) {
                throw tooLarge(request);
            }
            return body;
        } catch (IOException | ProcessingException | IllegalStateException e) {
            throw failed(new RegistryUnavailableException(registry, request.repository(), request.what(), e));
        }
    }

    private RegistryException tooLarge(Request request) {
        return failed(new RegistryUnavailableException(
                registry,
                request.repository(),
                request.what(),
                "the answer is larger than " + request.maxBody() / 1024 + " KiB"));
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> headers = new HashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (name != null && values != null) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
            }
        });
        return headers;
    }

    /** The body as JSON; a body that cannot be parsed is reported without quoting it. */
    JsonNode readJson(HttpAnswer answer, String repository, String what) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            // parser messages quote the body, which may hold a token: keep it out of the message and the cause
            throw failed(new RegistryUnavailableException(
                    registry,
                    repository,
                    what,
                    "the answer is not readable JSON (" + e.getClass().getSimpleName() + ")"));
        }
    }

    RegistryException failed(RegistryException e) {
        metrics.registryRequestFailed(registry, e.getMessage());
        return e;
    }

    /** Releases every connection; later requests fail. */
    @Override
    public void close() {
        closed = true;
        clients.values().forEach(RegistryApis::close);
        clients.clear();
    }
}
