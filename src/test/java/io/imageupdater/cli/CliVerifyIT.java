package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.testing.Cosign;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TestSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test IMAGE --verify-key/--verify-identity/--trusted-root/--min-age}: the packaged jar against a real
 * docker-registry holding images signed in the test.
 */
class CliVerifyIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair KEY = Cosign.ecdsa("secp256r1");
    private static final TestSigstore SIGSTORE = new TestSigstore();
    private static TestRegistry registry;
    private static String image;
    private static String keyless;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start();
        image = registry.host() + "/acme/signed";
        Instant old = Instant.now().minus(Duration.ofDays(3));
        Cosign.signWithKey(registry, "acme/signed", registry.push("acme/signed", "1.0.0", old), KEY.getPrivate());
        Cosign.signWithKey(
                registry,
                "acme/signed",
                registry.push("acme/signed", "1.1.0", Instant.now().minus(Duration.ofHours(1))),
                KEY.getPrivate());
        registry.push("acme/signed", "1.2.0", old.plusSeconds(1)); // another image: unsigned
        Files.writeString(dir.resolve("cosign.pub"), Cosign.pem(KEY.getPublic()));

        keyless = registry.host() + "/acme/keyless";
        String digest = registry.push("acme/keyless", "2.0.0", old);
        KeyPair ephemeral = Cosign.ecdsa("secp256r1");
        X509Certificate cert = SIGSTORE.leaf(ephemeral.getPublic(), "https://issuer.test", "dev@acme.test");
        byte[] payload = Cosign.payload(keyless, digest);
        byte[] signature = Cosign.sign(ephemeral.getPrivate(), payload);
        byte[] body = TestSigstore.hashedRekord(TestSigstore.sha256(payload), signature, cert);
        Cosign.pushSignatures(
                registry,
                "acme/keyless",
                digest,
                List.of(new Cosign.Layer(
                        payload,
                        signature,
                        Map.of(
                                "dev.sigstore.cosign/certificate", TestSigstore.pem(cert),
                                "dev.sigstore.cosign/bundle", SIGSTORE.rekorBundle(body, Instant.now())))));
        Files.writeString(dir.resolve("trusted_root.json"), SIGSTORE.trustedRoot(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void withAKeyTheNewestSignedTagIsChosenAndTheUnsignedOneRejected() {
        JsonNode out = run(image, "--verify-key", dir.resolve("cosign.pub").toString());
        assertEquals("1.1.0", out.path("tag").asText(), out.toString());
        assertTrue(out.path("verified").asBoolean(), out.toString());
        assertEquals(
                "[{\"tag\":\"1.2.0\",\"reason\":\"unsigned\"}]",
                out.path("rejected").toString());
    }

    @Test
    void withAMinimumAgeATagBuiltAnHourAgoIsNotChosen() {
        JsonNode out = run(image, "--verify-key", dir.resolve("cosign.pub").toString(), "--min-age", "24h");
        assertEquals("1.0.0", out.path("tag").asText(), out.toString());
    }

    @Test
    void withoutVerificationVerifiedIsNull() {
        JsonNode out = run(image);
        assertEquals("1.2.0", out.path("tag").asText());
        assertTrue(out.path("verified").isNull(), out.toString());
        assertEquals(0, out.path("rejected").size());
    }

    @Test
    void aKeylessIdentityIsCheckedAgainstTheTrustedRoot() {
        String root = dir.resolve("trusted_root.json").toString();
        JsonNode right =
                run(keyless, "--verify-identity", "https://issuer.test|.*@acme\\.test", "--trusted-root", root);
        JsonNode wrong =
                run(keyless, "--verify-identity", "https://issuer.test|.*@evil\\.test", "--trusted-root", root);
        assertEquals("2.0.0", right.path("tag").asText(), right.toString());
        assertTrue(right.path("verified").asBoolean());
        assertTrue(wrong.path("tag").isNull(), wrong.toString());
        assertEquals(false, wrong.path("verified").asBoolean(true));
        assertEquals(
                "wrong identity", wrong.path("rejected").get(0).path("reason").asText());
    }

    @Test
    void aKeyAndAnIdentityTogetherAreABadInvocation() {
        Jar.Result result = Jar.run(
                Map.of(),
                TIMEOUT,
                "test",
                image,
                "--verify-key",
                dir.resolve("cosign.pub").toString(),
                "--verify-identity",
                "a|b");
        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("mutually exclusive"), result.stderr());
    }

    private static JsonNode run(String target, String... options) {
        List<String> args = new ArrayList<>(List.of("test", target, "--output", "json"));
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
