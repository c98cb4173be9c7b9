package io.imageupdater.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A registry token service ({@code realm} of a {@code Bearer} challenge); the base URI is the realm itself.
 * Answers JSON with {@code token} or {@code access_token} and optionally {@code expires_in}.
 */
public interface TokenApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response token(
            @QueryParam("service") String service,
            @QueryParam("scope") String scope,
            @HeaderParam("Authorization") String authorization);
}
