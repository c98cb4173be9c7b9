package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TestRegistry.Format;
import io.imageupdater.testing.TestRegistry.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code test IMAGE --output json} for every strategy: the packaged jar against a real docker-registry on loopback.
 */
class CliStrategiesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRegistry registry;
    private static String image;
    private static String multi;
    private static String latest;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        image = registry.host() + "/acme/cli";
        registry.push("acme/cli", "1.0.0", Image.linux(Format.DOCKER, "amd64", T0.plusSeconds(3600)));
        multi = registry.pushIndex(
                "acme/cli",
                "1.1.0",
                Format.OCI,
                List.of(
                        Image.linux(Format.OCI, "amd64", T0.plusSeconds(7200)),
                        Image.linux(Format.OCI, "arm64", T0.plusSeconds(7200))));
        registry.push("acme/cli", "0.9.0-arm", Image.linux(Format.OCI, "arm64", T0.plusSeconds(99_000)));
        latest = registry.push("acme/cli", "latest", Image.linux(Format.OCI, "amd64", T0));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void newestBuildReportsTheChosenDigest() {
        JsonNode out = run("--update-strategy", "newest-build", "--platforms", "linux/amd64");
        assertEquals("1.1.0", out.path("tag").asText());
        assertEquals(multi, out.path("digest").asText());
        assertEquals(image + ":1.1.0@" + multi, out.path("image").asText());
    }

    @Test
    void newestBuildHonoursPlatforms() {
        JsonNode out = run("--update-strategy", "latest", "--platforms", "linux/arm64");
        assertEquals("0.9.0-arm", out.path("tag").asText());
        assertEquals("newest-build", out.path("strategy").asText());
    }

    @Test
    void digestTracksTheTagGivenAsConstraint() {
        JsonNode out = run("--update-strategy", "digest", "--semver-constraint", "latest");
        assertEquals("latest", out.path("tag").asText());
        assertEquals(latest, out.path("digest").asText());
        assertEquals(1, out.path("candidates").asInt());
    }

    @Test
    void strategiesWithoutMetadataReportNoDigest() {
        JsonNode semver = run("--update-strategy", "semver");
        JsonNode alphabetical = run("--update-strategy", "name");
        assertEquals("1.1.0", semver.path("tag").asText());
        assertTrue(semver.path("digest").isNull());
        assertEquals("latest", alphabetical.path("tag").asText());
        assertTrue(alphabetical.path("digest").isNull());
    }

    @Test
    void digestWithoutATagIsAnError() {
        Jar.Result result = Jar.run(Map.of(), TIMEOUT, "test", image, "--update-strategy", "digest");
        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().contains("needs a tag to track"), result.stderr());
    }

    private static JsonNode run(String... options) {
        List<String> args = new ArrayList<>(List.of("test", image, "--output", "json"));
        args.addAll(List.of(options));
        Jar.Result result = Jar.run(Map.of(), TIMEOUT, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        String line = result.stdout()
                .lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no JSON in " + result.stdout()));
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
