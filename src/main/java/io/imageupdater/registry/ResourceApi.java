package io.imageupdater.registry;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;

/**
 * One HTTP request to a URL we built or were sent to: a distribution API path, a token realm, a {@code Link} page or
 * a redirect's {@code Location} (a presigned object-store URL, say), sent exactly as given. Built per origin with
 * {@code QuarkusRestClientBuilder}, redirects off: {@link RegistryRequests} follows them itself. Returns
 * {@link Response} so callers can read every header and the exact bytes.
 */
public interface ResourceApi {

    /**
     * @param url           the absolute URL, query included
     * @param accept        the media types we understand, or {@code null}
     * @param authorization {@code Bearer …} / {@code Basic …}, or {@code null}
     */
    @GET
    Response get(
            @Url String url, @HeaderParam("Accept") String accept, @HeaderParam("Authorization") String authorization);

    @HEAD
    Response head(
            @Url String url, @HeaderParam("Accept") String accept, @HeaderParam("Authorization") String authorization);
}
