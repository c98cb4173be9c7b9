package io.imageupdater.registry;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The parts of the OCI distribution API we use. Built per endpoint with {@code QuarkusRestClientBuilder}, since
 * registry hosts are only known at run time. Returns {@link Response} so callers can read {@code Link} and
 * {@code WWW-Authenticate}.
 */
@Path("/v2")
public interface DistributionApi {

    /**
     * @param name          repository path, slashes kept ({@code library/nginx})
     * @param n             page size, or {@code null} for the registry's choice
     * @param last          last tag of the previous page, or {@code null}
     * @param authorization {@code Bearer …} / {@code Basic …}, or {@code null}
     */
    @GET
    @Path("/{name}/tags/list")
    @Produces(MediaType.APPLICATION_JSON)
    Response listTags(
            @PathParam("name") @Encoded String name,
            @QueryParam("n") Integer n,
            @QueryParam("last") String last,
            @HeaderParam("Authorization") String authorization);
}
