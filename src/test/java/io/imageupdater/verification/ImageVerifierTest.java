package io.imageupdater.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryClientSettings;
import io.imageupdater.testing.Cosign;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TestSigstore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verification against a real docker-registry holding images signed in the test: cosign's tag scheme (2.8.2 has no
 * Referrers API, so its 404 sends discovery to the tag scheme), and sigstore bundles through the Referrers API, served
 * by a front that answers only {@code /v2/<name>/referrers/<digest>} itself and forwards the rest to the registry.
 */
@QuarkusTest
class ImageVerifierTest {

    private static TestRegistry registry;
    private static RegistryProxy front;
    private static final Map<String, List<String>> REFERRERS = new ConcurrentHashMap<>();
    private static final KeyPair KEY = Cosign.ecdsa("secp256r1");
    private static final KeyPair OTHER_KEY = Cosign.ecdsa("secp256r1");
    private static final TestSigstore SIGSTORE = new TestSigstore();
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    private static final String WORKFLOW = "https://github.com/acme/web/.github/workflows/release.yml@refs/heads/main";

    private Registries registries;
    private ImageVerifier verifier;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        front = RegistryProxy.start("127.0.0.1", registry.url()).serve(uri -> {
            String path = uri.getPath();
            int at = path.indexOf("/referrers/");
            if (at < 0) {
                return null;
            }
            List<String> entries = REFERRERS.getOrDefault(path.substring(at + 11), List.of());
            String index =
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                            + String.join(",", entries) + "]}";
            return new RegistryProxy.Served(
                    200, "application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8));
        });
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() {
        registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(name -> null),
                Clock.systemUTC(),
                RegistryClientSettings.defaults());
        verifier = new ImageVerifier(registries);
    }

    @AfterEach
    void tearDown() {
        registries.close();
    }

    private static VerificationPolicy key(KeyPair pair) {
        return VerificationPolicy.ofKey(pair.getPublic(), "test");
    }

    private static VerificationPolicy keyless(String subjectRegExp) {
        return VerificationPolicy.keyless(
                new KeylessIdentity(ISSUER, null, null, subjectRegExp),
                TrustedRoot.parse(SIGSTORE.trustedRoot(), "test root"),
                "test");
    }

    private Verdict verify(String host, String repository, String digest, VerificationPolicy policy, Object cycle) {
        return verifier.verify(ImageRef.parse(host + "/" + repository + ":x"), digest, policy, null, cycle);
    }

    @Test
    void aKeySignedImageVerifiesThroughTheTagSchemeAfterTheRegistryAnswersReferrers404() {
        String digest = registry.push("key/web", "1.0.0");
        Cosign.signWithKey(registry, "key/web", digest, KEY.getPrivate());

        Verdict verdict = verify(registry.host(), "key/web", digest, key(KEY), "cycle");

        assertTrue(verdict.verified(), verdict.toString());
        assertEquals(1, registry.requestCount("GET", "/v2/key/web/referrers/" + digest));
    }

    @Test
    void anUnsignedImageIsUnsigned() {
        String digest = registry.push("key/unsigned", "1.0.0");
        assertEquals(
                RejectReason.UNSIGNED,
                verify(registry.host(), "key/unsigned", digest, key(KEY), "c").reason());
    }

    @Test
    void aSignatureByAnotherKeyIsABadSignature() {
        String digest = registry.push("key/other", "1.0.0");
        Cosign.signWithKey(registry, "key/other", digest, OTHER_KEY.getPrivate());
        assertEquals(
                RejectReason.BAD_SIGNATURE,
                verify(registry.host(), "key/other", digest, key(KEY), "c").reason());
    }

    @Test
    void aPayloadNamingAnotherDigestIsADigestMismatch() {
        String digest = registry.push("key/moved", "1.0.0");
        String other = registry.push("key/moved", "0.9.0", Instant.parse("2020-01-01T00:00:00Z"));
        byte[] payload = Cosign.payload(registry.host() + "/key/moved", other);
        Cosign.pushSignatures(
                registry,
                "key/moved",
                digest,
                List.of(new Cosign.Layer(payload, Cosign.sign(KEY.getPrivate(), payload))));
        assertEquals(
                RejectReason.DIGEST_MISMATCH,
                verify(registry.host(), "key/moved", digest, key(KEY), "c").reason());
    }

    @Test
    void anIndexImageIsVerifiedByTheSignatureOfItsIndexDigestInTheImageIndexForm() {
        Instant now = Instant.now();
        String index = registry.pushIndex(
                "key/multi",
                "2.0.0",
                TestRegistry.Format.OCI,
                List.of(
                        TestRegistry.Image.linux(TestRegistry.Format.OCI, "amd64", now),
                        TestRegistry.Image.linux(TestRegistry.Format.OCI, "arm64", now)));
        byte[] payload = Cosign.payload(registry.host() + "/key/multi", index);
        byte[] wrongPayload = Cosign.payload(registry.host() + "/key/multi", "sha256:" + "0".repeat(64));
        Cosign.pushSignatureIndex(
                registry,
                "key/multi",
                index,
                List.of(
                        List.of(new Cosign.Layer(wrongPayload, Cosign.sign(KEY.getPrivate(), wrongPayload))),
                        List.of(new Cosign.Layer(payload, Cosign.sign(KEY.getPrivate(), payload)))));

        assertTrue(verify(registry.host(), "key/multi", index, key(KEY), "c").verified());
    }

    @Test
    void verdictsAreCachedAndAnUnsignedOneIsLookedAtAgainOnceInALaterCycle() {
        String signed = registry.push("cache/web", "1.0.0");
        Cosign.signWithKey(registry, "cache/web", signed, KEY.getPrivate());
        String unsigned = registry.push("cache/web", "1.1.0");
        assertTrue(verify(registry.host(), "cache/web", signed, key(KEY), "cycle 1")
                .verified());
        assertFalse(verify(registry.host(), "cache/web", unsigned, key(KEY), "cycle 1")
                .verified());
        long before = registry.requestCountUnder("GET", "/v2/cache/web/");

        assertTrue(verify(registry.host(), "cache/web", signed, key(KEY), "cycle 2")
                .verified());
        assertEquals(before, registry.requestCountUnder("GET", "/v2/cache/web/"), "a verified digest costs nothing");
        assertFalse(verify(registry.host(), "cache/web", unsigned, key(KEY), "cycle 1")
                .verified());
        assertEquals(before, registry.requestCountUnder("GET", "/v2/cache/web/"), "once a cycle");

        Cosign.signWithKey(registry, "cache/web", unsigned, KEY.getPrivate());
        assertTrue(verify(registry.host(), "cache/web", unsigned, key(KEY), "cycle 2")
                .verified());
    }

    @Test
    void aKeylessBundleFoundThroughTheReferrersApiVerifiesForTheRightIdentityOnly() throws Exception {
        String digest = registry.push("keyless/web", "1.0.0");
        pushBundle("keyless/web", digest, bundle(digest, WORKFLOW, digest));

        Verdict right = verify(front.host(), "keyless/web", digest, keyless("https://github\\.com/acme/web/.*"), "c");
        Verdict wrong = verify(front.host(), "keyless/web", digest, keyless("https://github\\.com/evil/.*"), "c");

        assertTrue(right.verified(), right.toString());
        assertEquals(RejectReason.WRONG_IDENTITY, wrong.reason(), wrong.toString());
        assertTrue(front.seen().stream().anyMatch(seen -> seen.pathAndQuery().contains("/referrers/" + digest)));
    }

    @Test
    void aKeylessBundleSigningAnotherDigestIsADigestMismatch() throws Exception {
        String digest = registry.push("keyless/moved", "1.0.0");
        String other = "sha256:" + "1".repeat(64);
        pushBundle("keyless/moved", digest, bundle(digest, WORKFLOW, other));
        Verdict verdict = verify(front.host(), "keyless/moved", digest, keyless(".*"), "c");
        assertEquals(RejectReason.DIGEST_MISMATCH, verdict.reason(), verdict.toString());
    }

    @Test
    void aKeylessBundleWhoseLogEntryIsForAnotherSignatureIsNotLogged() throws Exception {
        String digest = registry.push("keyless/unlogged", "1.0.0");
        String json = bundle(digest, WORKFLOW, digest);
        String tampered = json.replaceFirst(
                "\"canonicalizedBody\":\"[^\"]+\"",
                "\"canonicalizedBody\":\"" + TestSigstore.b64("{}".getBytes(StandardCharsets.UTF_8)) + "\"");
        pushBundle("keyless/unlogged", digest, tampered);
        Verdict verdict = verify(front.host(), "keyless/unlogged", digest, keyless(".*"), "c");
        assertEquals(RejectReason.BAD_SIGNATURE, verdict.reason(), verdict.toString());
    }

    @Test
    void aKeylessCosignSignatureInTheTagSchemeVerifiesWithItsCertificateAndSignedEntryTimestamp() {
        String digest = registry.push("keyless/tags", "1.0.0");
        KeyPair ephemeral = Cosign.ecdsa("secp256r1");
        X509Certificate cert = SIGSTORE.leaf(ephemeral.getPublic(), ISSUER, WORKFLOW);
        byte[] payload = Cosign.payload(registry.host() + "/keyless/tags", digest);
        byte[] signature = Cosign.sign(ephemeral.getPrivate(), payload);
        byte[] body = TestSigstore.hashedRekord(TestSigstore.sha256(payload), signature, cert);
        Cosign.pushSignatures(
                registry,
                "keyless/tags",
                digest,
                List.of(new Cosign.Layer(
                        payload,
                        signature,
                        Map.of(
                                "dev.sigstore.cosign/certificate", TestSigstore.pem(cert),
                                "dev.sigstore.cosign/bundle", SIGSTORE.rekorBundle(body, Instant.now())))));

        assertTrue(verify(registry.host(), "keyless/tags", digest, keyless(".*acme/web.*"), "c")
                .verified());
        assertEquals(
                RejectReason.WRONG_IDENTITY,
                verify(registry.host(), "keyless/tags", digest, keyless(".*evil.*"), "c")
                        .reason());
        assertEquals(
                RejectReason.BAD_SIGNATURE,
                verify(registry.host(), "keyless/tags", digest, keyless(".*", new TestSigstore()), "c")
                        .reason(),
                "a certificate from another CA does not chain");
    }

    private static VerificationPolicy keyless(String subjectRegExp, TestSigstore other) {
        return VerificationPolicy.keyless(
                new KeylessIdentity(ISSUER, null, null, subjectRegExp),
                TrustedRoot.parse(other.trustedRoot(), "other root"),
                "other");
    }

    /** A sigstore bundle v0.3 with a message signature over {@code signedDigest}, by a certificate for subject. */
    private static String bundle(String digest, String subject, String signedDigest) throws Exception {
        KeyPair ephemeral = Cosign.ecdsa("secp256r1");
        X509Certificate cert = SIGSTORE.leaf(ephemeral.getPublic(), ISSUER, subject);
        byte[] hash = HexFormat.of().parseHex(signedDigest.substring(7));
        Signature signer = Signature.getInstance("NONEwithECDSA");
        signer.initSign(ephemeral.getPrivate());
        signer.update(hash);
        byte[] signature = signer.sign();
        byte[] body = TestSigstore.hashedRekord(hash, signature, cert);
        return """
                {"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",
                 "verificationMaterial":{"certificate":{"rawBytes":"%s"},"tlogEntries":[%s]},
                 "messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"%s"},"signature":"%s"}}
                """.formatted(
                        TestSigstore.b64(TestSigstore.der(cert)),
                        SIGSTORE.tlogEntry(body, Instant.now()),
                        TestSigstore.b64(hash),
                        TestSigstore.b64(signature));
    }

    /** Pushes a bundle as an OCI 1.1 artifact manifest (with {@code subject}) and lists it as a referrer. */
    private static void pushBundle(String repository, String digest, String bundle) {
        byte[] blob = bundle.getBytes(StandardCharsets.UTF_8);
        String blobDigest = registry.pushBlob(repository, blob);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String emptyDigest = registry.pushBlob(repository, empty);
        String type = "application/vnd.dev.sigstore.bundle.v0.3+json";
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"artifactType\":\"" + type + "\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\""
                        + emptyDigest + "\"},"
                        + "\"layers\":[{\"mediaType\":\"" + type + "\",\"size\":" + blob.length + ",\"digest\":\""
                        + blobDigest + "\"}],"
                        + "\"subject\":{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                        + "\"size\":1,\"digest\":\"" + digest + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String manifestDigest = registry.pushManifest(
                repository, TestRegistry.digest(manifest), "application/vnd.oci.image.manifest.v1+json", manifest);
        List<String> entries = new ArrayList<>(REFERRERS.getOrDefault(digest, List.of()));
        entries.add("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + manifest.length
                + ",\"digest\":\"" + manifestDigest + "\",\"artifactType\":\"" + type + "\"}");
        REFERRERS.put(digest, entries);
    }
}
