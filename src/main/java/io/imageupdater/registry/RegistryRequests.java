package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.metrics.UpdaterMetrics;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Sends the requests of one registry: paced to its {@code limit}, counted, with transport failures, throttling and
 * unreadable answers turned into {@link RegistryException}s that name the registry and never quote a body.
 */
final class RegistryRequests {

    private final String registry;
    private final RequestPacer pacer;
    private final UpdaterMetrics metrics;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    RegistryRequests(RegistryEndpoint endpoint, UpdaterMetrics metrics, Clock clock) {
        this.registry = endpoint.registryHost();
        this.pacer = new RequestPacer(endpoint.limit());
        this.metrics = metrics;
        this.clock = clock;
    }

    String registry() {
        return registry;
    }

    /** Sends one request; 429/502/503/504 become {@link RegistryBusyException}, other statuses are returned. */
    Response send(String repository, String what, Supplier<Response> call) {
        pacer.await();
        metrics.registryRequest(registry);
        Response response;
        try {
            response = call.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            throw failed(new RegistryUnavailableException(registry, repository, what, e));
        }
        int status = response.getStatus();
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            String retryAfter = response.getHeaderString("Retry-After");
            response.close();
            throw failed(new RegistryBusyException(
                    registry, repository, status, what, RetryPolicy.parseRetryAfter(retryAfter, clock.instant())));
        }
        return response;
    }

    /** The body as JSON; a body that cannot be read or parsed is reported without quoting it. */
    JsonNode readJson(Response response, String repository, String what) {
        try {
            return json.readTree(response.readEntity(String.class));
        } catch (IOException | ProcessingException | IllegalStateException e) {
            // parser messages quote the body, which may hold a token: keep it out of the message and the cause
            throw failed(new RegistryUnavailableException(
                    registry,
                    repository,
                    what,
                    "the answer is not readable JSON (" + e.getClass().getSimpleName() + ")"));
        }
    }

    RegistryException failed(RegistryException e) {
        metrics.registryRequestFailed(registry);
        return e;
    }
}
