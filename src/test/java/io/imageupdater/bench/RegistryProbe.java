package io.imageupdater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks over HTTP that the registry serves what {@link FleetImages} stored: a tag list, a manifest and its blobs. */
final class RegistryProbe {
    private RegistryProbe() {}

    static void check(URI registry, String manifestPath) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            ObjectMapper json = new ObjectMapper();
            String repositoryPath = manifestPath.substring(0, manifestPath.indexOf("/manifests/"));
            JsonNode tags = json.readTree(get(http, registry.resolve(repositoryPath + "/tags/list"), "*/*"));
            if (tags.path("tags").isEmpty()) {
                throw new IllegalStateException("the registry lists no tags for " + repositoryPath + ": " + tags);
            }
            JsonNode manifest = json.readTree(
                    get(http, registry.resolve(manifestPath), FleetImages.OCI_INDEX + "," + FleetImages.OCI_MANIFEST));
            if (manifest.has("manifests")) {
                String child = manifest.path("manifests").path(0).path("digest").asText();
                manifest = json.readTree(
                        get(http, registry.resolve(repositoryPath + "/manifests/" + child), FleetImages.OCI_MANIFEST));
            }
            get(
                    http,
                    registry.resolve(repositoryPath + "/blobs/"
                            + manifest.path("config").path("digest").asText()),
                    "*/*");
        }
    }

    private static String get(HttpClient http, URI uri, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
