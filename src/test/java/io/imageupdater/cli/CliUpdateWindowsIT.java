package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.testing.TestRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code test IMAGE --at TIME --update-windows W}: the packaged jar against a real docker-registry on loopback. */
class CliUpdateWindowsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BERLIN = "0 22 * * 1-5|4h|Europe/Berlin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRegistry registry;
    private static String image;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        image = registry.host() + "/acme/win";
        registry.pushAll("acme/win", "1.0.0", "1.1.0");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void outsideAWindowTheUpdateIsNotAllowedAndTheNextStartIsGiven() {
        JsonNode out = run("--at", "2026-11-28T12:00:00Z", "--update-windows", BERLIN);

        assertEquals("1.1.0", out.path("tag").asText());
        assertFalse(out.path("allowed").asBoolean());
        assertTrue(out.path("allowed").isBoolean());
        assertEquals("2026-11-30T21:00:00Z", out.path("nextWindow").asText());
    }

    @Test
    void insideAWindowGivenWithAnOffsetTheUpdateIsAllowed() {
        JsonNode out = run("--at", "2026-12-01T00:30:00+01:00", "--update-windows", BERLIN);

        assertTrue(out.path("allowed").asBoolean());
        assertTrue(out.path("nextWindow").isNull());
    }

    @Test
    void onTheDstChangeDayTheWindowOpensAfterTheGap() {
        JsonNode out = run("--at", "2026-03-29T00:30:00Z", "--update-windows", "30 2 * * *|1h|Europe/Berlin");

        assertFalse(out.path("allowed").asBoolean());
        assertEquals("2026-03-29T01:00:00Z", out.path("nextWindow").asText());
    }

    @Test
    void withoutWindowsAnUpdateIsAlwaysAllowed() {
        JsonNode out = run();

        assertTrue(out.path("allowed").asBoolean());
        assertTrue(out.path("nextWindow").isNull());
    }

    @Test
    void anInvalidWindowOrTimeIsABadArgument() {
        Jar.Result window = Jar.run(Map.of(), TIMEOUT, "test", image, "--update-windows", "0 25 * * *|1h|UTC");
        Jar.Result time = Jar.run(Map.of(), TIMEOUT, "test", image, "--at", "tomorrow", "--update-windows", BERLIN);

        assertEquals(2, window.exitCode(), window.stderr());
        assertTrue(window.stderr().contains("--update-windows"), window.stderr());
        assertEquals(2, time.exitCode(), time.stderr());
        assertTrue(time.stderr().contains("--at"), time.stderr());
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
