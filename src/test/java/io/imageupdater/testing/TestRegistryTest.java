package io.imageupdater.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The harness pushes images a registry accepts and serves back, and cleans up after itself. */
class TestRegistryTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pushedImageIsServedWithItsDigestAndCreationTime() throws Exception {
        Instant created = Instant.parse("2024-03-01T12:00:00Z");
        try (TestRegistry registry = TestRegistry.start()) {
            String digest = registry.push("acme/web", "1.0.0", created);
            HttpResponse<String> manifest =
                    get(registry.url().resolve("/v2/acme/web/manifests/1.0.0"), TestRegistry.MANIFEST_V2);
            assertEquals(200, manifest.statusCode());
            assertEquals(
                    digest,
                    manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
            Matcher config = Pattern.compile("\"config\":\\{[^}]*\"digest\":\"(sha256:[0-9a-f]{64})\"")
                    .matcher(manifest.body());
            assertTrue(config.find(), manifest.body());
            String blob = get(registry.url().resolve("/v2/acme/web/blobs/" + config.group(1)), "*/*")
                    .body();
            assertTrue(blob.contains("\"created\":\"2024-03-01T12:00:00Z\""), blob);
            assertNotEquals(
                    digest,
                    registry.push("acme/web", "1.1.0", created.plusSeconds(60)),
                    "another creation time is another image");
        }
    }

    @Test
    void basicAuthRegistryRefusesAnonymousReadsAndAcceptsHarnessPushes() throws Exception {
        try (TestRegistry registry = TestRegistry.startWithBasicAuth("robot", "pw-123")) {
            registry.push("acme/private", "1.0.0");
            assertEquals(
                    401,
                    get(registry.url().resolve("/v2/acme/private/tags/list"), "*/*")
                            .statusCode());
        }
    }

    @Test
    void closeStopsTheRegistryAndDeletesItsDirectory() throws Exception {
        TestRegistry registry = TestRegistry.start();
        registry.push("acme/web", "1.0.0");
        Path dir = registry.directory();
        registry.close();
        assertFalse(dir.toFile().exists(), dir + " was left behind");
        assertThrows(java.io.IOException.class, () -> get(registry.url().resolve("/v2/"), "*/*"));
    }
}
