package io.imageupdater.registry;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * Manifests and blobs of the OCI distribution API. Built per endpoint like {@link DistributionApi}; answers are
 * {@link Response}s so callers can read {@code Docker-Content-Digest}, {@code Content-Type} and the exact bytes.
 */
@Path("/v2")
public interface ManifestApi {

    /**
     * @param name          repository path, slashes kept
     * @param reference     a tag or a digest
     * @param accept        the manifest media types we understand
     * @param authorization {@code Bearer …} / {@code Basic …}, or {@code null}
     */
    @HEAD
    @Path("/{name}/manifests/{reference}")
    Response headManifest(
            @PathParam("name") @Encoded String name,
            @PathParam("reference") String reference,
            @HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{name}/manifests/{reference}")
    Response getManifest(
            @PathParam("name") @Encoded String name,
            @PathParam("reference") String reference,
            @HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{name}/blobs/{digest}")
    Response getBlob(
            @PathParam("name") @Encoded String name,
            @PathParam("digest") String digest,
            @HeaderParam("Authorization") String authorization);
}
