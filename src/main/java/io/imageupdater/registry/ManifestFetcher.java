package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.image.Platform;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads manifests and config blobs of one endpoint through its {@link RegistryClient} (same authentication, same
 * pacing, every request counted). Checks every body against its digest before trusting it.
 */
final class ManifestFetcher {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final RegistryClient client;
    private final ClientCredentials credentials;
    private final ObjectMapper json = new ObjectMapper();

    /** @param credentials the credentials to present: the endpoint's own, or an Application's pull secret */
    ManifestFetcher(RegistryClient client, ClientCredentials credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    private String host() {
        return client.endpoint().registryHost();
    }

    private HttpAnswer send(
            String repository, String what, RegistryRequests.Method method, String path, String accept) {
        HttpAnswer answer = client.authorized(
                new RegistryRequests.Request(
                        repository, what, method, client.url("/v2/" + repository + path), accept, MAX_BODY),
                credentials);
        check(answer, repository, what);
        return answer;
    }

    /**
     * A manifest by tag with one GET: its digest is the registry's {@code Docker-Content-Digest}, checked against the
     * bytes (sha256), or the bytes' own digest when the registry sends no such header.
     */
    Manifest manifestByTag(String repository, String tag) {
        String what = "reading manifest " + tag;
        HttpAnswer answer = send(repository, what, RegistryRequests.Method.GET, "/manifests/" + tag, ACCEPT);
        byte[] body = body(answer, repository, what);
        String computed = sha256(body);
        String header = answer.header(DIGEST_HEADER);
        mustMatch(header, computed, repository, what, "Docker-Content-Digest");
        String digest = header == null || header.isBlank() ? computed : header.strip();
        return new Manifest(digest, answer.header("Content-Type"), body);
    }

    /** A manifest by tag or digest, with the digest of its exact bytes (checked against the header and reference). */
    Manifest manifest(String repository, String reference) {
        String what = "reading manifest " + reference;
        HttpAnswer answer = send(repository, what, RegistryRequests.Method.GET, "/manifests/" + reference, ACCEPT);
        byte[] body = body(answer, repository, what);
        String computed = sha256(body);
        mustMatch(answer.header(DIGEST_HEADER), computed, repository, what, "Docker-Content-Digest");
        if (reference.contains(":")) {
            mustMatch(reference, computed, repository, what, "the requested digest");
        }
        return new Manifest(computed, answer.header("Content-Type"), body);
    }

    /** The config blob of a single-platform image, read and checked against its digest. */
    ManifestContent.Image config(String repository, String configDigest) {
        String what = "reading config blob " + configDigest;
        HttpAnswer answer = send(repository, what, RegistryRequests.Method.GET, "/blobs/" + configDigest, null);
        byte[] body = body(answer, repository, what);
        mustMatch(configDigest, sha256(body), repository, what, "the config digest");
        JsonNode config = parse(body, repository, what);
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("config")
                .path("Labels")
                .properties()
                .forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        return new ManifestContent.Image(
                created(config.path("created").asText(null)),
                platform(
                        config.path("os").asText(null),
                        config.path("architecture").asText(null),
                        config.path("variant").asText(null)),
                labels);
    }

    /** The JSON of a manifest: an index with its children, or the digest of a single image's config. */
    Parsed parse(Manifest manifest, String repository) {
        String what = "reading manifest " + manifest.digest();
        JsonNode root = parse(manifest.body(), repository, what);
        String mediaType = root.path("mediaType").asText(manifest.contentType() == null ? "" : manifest.contentType());
        if (mediaType.startsWith(OCI_INDEX)
                || mediaType.startsWith(DOCKER_LIST)
                || mediaType.isEmpty() && root.has("manifests")) {
            List<ManifestContent.Child> children = new ArrayList<>();
            for (JsonNode child : root.path("manifests")) {
                JsonNode p = child.path("platform");
                children.add(new ManifestContent.Child(
                        child.path("digest").asText(),
                        platform(
                                p.path("os").asText(null),
                                p.path("architecture").asText(null),
                                p.path("variant").asText(null))));
            }
            return new Parsed(new ManifestContent.Index(children), null);
        }
        String config = root.path("config").path("digest").asText("");
        if (config.isEmpty()) {
            throw client.failed(new RegistryUnavailableException(
                    host(),
                    repository,
                    what,
                    "unsupported manifest type " + (mediaType.isEmpty() ? "(none)" : mediaType)));
        }
        return new Parsed(null, config);
    }

    private void check(HttpAnswer answer, String repository, String what) {
        int status = answer.status();
        if (status == 200) {
            return;
        }
        if (status == 401 || status == 403) {
            throw client.failed(new RegistryAuthenticationException(
                    host(), repository, status, what, "credentials rejected or missing"));
        }
        if (status == 404) {
            throw client.failed(new ManifestNotFoundException(host(), repository, what));
        }
        throw client.failed(new RegistryResponseException(host(), repository, status, what));
    }

    private byte[] body(HttpAnswer answer, String repository, String what) {
        if (answer.body().length == 0) {
            throw client.failed(new RegistryUnavailableException(host(), repository, what, "empty answer"));
        }
        return answer.body();
    }

    private JsonNode parse(byte[] body, String repository, String what) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw client.failed(
                    new RegistryUnavailableException(host(), repository, what, "the answer is not readable JSON"));
        }
    }

    private void mustMatch(String expected, String computed, String repository, String what, String source) {
        if (expected == null || expected.isBlank() || !expected.startsWith("sha256:")) {
            return; // only sha256 can be checked; other algorithms are taken as given
        }
        if (!expected.strip().equals(computed)) {
            throw client.failed(new RegistryUnavailableException(
                    host(),
                    repository,
                    what,
                    "the content's digest " + computed + " differs from " + source + " " + expected.strip()));
        }
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static Instant created(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Platform platform(String os, String architecture, String variant) {
        if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
            return null;
        }
        return new Platform(os, architecture, variant);
    }

    /**
     * A manifest as served.
     *
     * @param digest      the digest of {@code body}: its sha256, or as the registry names it
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param body        the exact bytes
     */
    record Manifest(String digest, String contentType, byte[] body) {}

    /** Either an index's content or a single manifest's config digest. */
    record Parsed(ManifestContent.Index index, String configDigest) {}
}
