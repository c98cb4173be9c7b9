package io.imageupdater.registry;

import java.util.Optional;

/**
 * Reads signature artifacts of one repository (manifests by tag or digest, blobs, the OCI 1.1 referrers list) with
 * the same authentication, pacing and counting as tag listing. Every body is checked against its digest. What does not
 * exist is {@link Optional#empty()}; any other failure is a {@link RegistryException}.
 */
public final class ArtifactReader {

    static final String REFERRERS_ACCEPT = "application/vnd.oci.image.index.v1+json";
    private static final String ANY_MANIFEST = String.join(
            ", ",
            ManifestFetcher.OCI_INDEX,
            ManifestFetcher.DOCKER_LIST,
            ManifestFetcher.OCI_MANIFEST,
            ManifestFetcher.DOCKER_MANIFEST);
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final RegistryClient client;
    private final ClientCredentials credentials;

    ArtifactReader(RegistryClient client, ClientCredentials credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    /** The registry host, for messages. */
    public String registry() {
        return client.endpoint().registryHost();
    }

    /** The digest a tag points to, or empty when the tag does not exist. */
    public Optional<String> digest(String repository, String tag) {
        return manifest(repository, tag).map(Artifact::digest);
    }

    /** A manifest by tag or digest, or empty when there is none. */
    public Optional<Artifact> manifest(String repository, String reference) {
        String what = "reading manifest " + reference;
        HttpAnswer answer = get(repository, what, "/manifests/" + reference, ANY_MANIFEST);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        byte[] body = checked(answer, repository, what);
        String computed = ManifestFetcher.sha256(body);
        if (reference.startsWith("sha256:") && !reference.equals(computed)) {
            throw client.failed(new RegistryUnavailableException(
                    registry(), repository, what, "the content's digest " + computed + " differs from the reference"));
        }
        return Optional.of(new Artifact(computed, answer.header("Content-Type"), body));
    }

    /** A blob by digest, checked against it; empty when there is none. */
    public Optional<byte[]> blob(String repository, String digest) {
        String what = "reading blob " + digest;
        HttpAnswer answer = get(repository, what, "/blobs/" + digest, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        byte[] body = checked(answer, repository, what);
        if (digest.startsWith("sha256:") && !digest.equals(ManifestFetcher.sha256(body))) {
            throw client.failed(new RegistryUnavailableException(
                    registry(), repository, what, "the blob's content does not match its digest"));
        }
        return Optional.of(body);
    }

    /**
     * The OCI 1.1 referrers index of a digest ({@code GET /v2/<name>/referrers/<digest>}), or empty when the registry
     * does not serve the Referrers API (404, 400, 405, 501 or an answer that is not an image index).
     */
    public Optional<byte[]> referrers(String repository, String digest) {
        String what = "reading the referrers of " + digest;
        HttpAnswer answer = get(repository, what, "/referrers/" + digest, REFERRERS_ACCEPT);
        int status = answer.status();
        if (status == 404 || status == 400 || status == 405 || status == 501) {
            return Optional.empty();
        }
        byte[] body = checked(answer, repository, what);
        String type = answer.header("Content-Type");
        if (type != null && !type.startsWith(REFERRERS_ACCEPT) && !type.startsWith("application/json")) {
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private HttpAnswer get(String repository, String what, String path, String accept) {
        return client.authorized(
                new RegistryRequests.Request(
                        repository,
                        what,
                        RegistryRequests.Method.GET,
                        client.url("/v2/" + repository + path),
                        accept,
                        MAX_BODY),
                credentials);
    }

    private byte[] checked(HttpAnswer answer, String repository, String what) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            throw client.failed(new RegistryAuthenticationException(
                    registry(), repository, status, what, "credentials rejected or missing"));
        }
        if (status != 200) {
            throw client.failed(new RegistryResponseException(registry(), repository, status, what));
        }
        return answer.body();
    }

    /**
     * A manifest as served.
     *
     * @param digest      the sha256 of {@code body}
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param body        the exact bytes
     */
    public record Artifact(String digest, String contentType, byte[] body) {}
}
