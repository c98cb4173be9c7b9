package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.SourceType;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryClientSettings;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.Cosign;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.verification.ImageVerifier;
import io.imageupdater.verification.PublicKeys;
import io.imageupdater.verification.VerificationPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gates after selection against a real docker-registry: signature verification (a rejected newer candidate is
 * reported and the next one the strategy chooses is taken) and the minimum release age (with an injected clock).
 */
@QuarkusTest
class GatedSelectionTest {

    private static final String PREFIX = "argocd-image-updater.argoproj.io/";
    private static final KeyPair KEY = Cosign.ecdsa("secp256r1");
    private static final KeyPair OTHER = Cosign.ecdsa("secp256r1");
    private static TestRegistry registry;

    private final UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());
    private final MutableClock clock = new MutableClock(Instant.now());
    private Registries registries;
    private CandidateGates gates;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() {
        registries = new Registries(
                metrics, new EnvCredentialResolver(name -> null), clock, RegistryClientSettings.defaults());
        gates = new CandidateGates(
                new ImageVerifier(registries),
                settings -> {
                    assertEquals("apps", settings.namespace());
                    assertEquals("cosign", settings.keySecret());
                    return VerificationPolicy.ofKey(
                            PublicKeys.parse(Cosign.pem(KEY.getPublic()), "test key"), "secret:apps/cosign#cosign.pub");
                },
                new FirstSeenTags(),
                clock,
                metrics);
    }

    @AfterEach
    void tearDown() {
        registries.close();
    }

    private ImageOutcome decide(String repository, Map<String, String> settings, String running, Object cycle)
            throws Exception {
        String image = registry.host() + "/" + repository;
        Map<String, String> annotations = new java.util.HashMap<>(Map.of(PREFIX + "image-list", "web=" + image));
        settings.forEach((key, value) -> annotations.put(PREFIX + key, value));
        ApplicationSpec spec = ApplicationSpecParser.parse(annotations, "apps/web");
        assertEquals(List.of(), spec.errors());
        ImageSpec imageSpec = spec.images().get(0);
        ArgoApplication app = new ArgoApplication(
                "apps",
                "web",
                "uid",
                "1",
                Map.of(),
                annotations,
                SourceType.KUSTOMIZE,
                List.of(ImageRef.parse(image + ":" + running)),
                Optional.empty(),
                null);
        TagCatalog catalog = registries.newCatalog();
        List<Tag> tags = catalog.tagsWithMetadata(
                        imageSpec.entry().image(),
                        TagQueries.of(
                                imageSpec.strategy(),
                                imageSpec.constraint(),
                                imageSpec.filter(),
                                List.of("linux/amd64"),
                                problem -> {}),
                        null)
                .get();
        return gates.decide(imageSpec, app, tags, null, cycle);
    }

    @Test
    void theKeySignedNewestTagIsChosen() throws Exception {
        Cosign.signWithKey(registry, "sel/signed", registry.push("sel/signed", "1.0.0"), KEY.getPrivate());
        Cosign.signWithKey(registry, "sel/signed", registry.push("sel/signed", "1.1.0"), KEY.getPrivate());

        ImageOutcome outcome = decide("sel/signed", Map.of("web.verify-key", "secret:cosign#cosign.pub"), "1.0.0", 1);

        assertEquals(ImageOutcome.Kind.UPDATE, outcome.kind(), outcome.message());
        assertEquals("1.1.0", outcome.change().to().tag());
        assertEquals(List.of(), outcome.rejected());
        assertEquals(1.0, metrics.verifications("verified"));
    }

    @Test
    void anUnsignedNewestTagIsReportedAndTheNextSignedOneChosen() throws Exception {
        Cosign.signWithKey(registry, "sel/unsigned", registry.push("sel/unsigned", "1.0.0"), KEY.getPrivate());
        Cosign.signWithKey(registry, "sel/unsigned", registry.push("sel/unsigned", "1.1.0"), KEY.getPrivate());
        registry.push("sel/unsigned", "1.2.0");
        Cosign.signWithKey(registry, "sel/unsigned", registry.push("sel/unsigned", "1.3.0"), OTHER.getPrivate());

        ImageOutcome outcome =
                decide("sel/unsigned", Map.of("web.verify-key", "secret:cosign#cosign.pub"), "1.0.0", "cycle");

        assertEquals(ImageOutcome.Kind.UPDATE, outcome.kind(), outcome.message());
        assertEquals("1.1.0", outcome.change().to().tag());
        assertEquals(
                List.of("1.3.0 bad signature", "1.2.0 unsigned"),
                outcome.rejected().stream().map(r -> r.tag() + " " + r.reason()).toList());
        assertTrue(outcome.message().contains("1.2.0 (unsigned)"), outcome.message());
        assertEquals(1.0, metrics.verifications("unsigned"));
        assertEquals(1.0, metrics.verifications("bad signature"));
    }

    @Test
    void withNoNewerTagVerifiedTheRunningTagStaysAndTheRejectedOnesAreReported() throws Exception {
        registry.push("sel/none", "1.0.0");
        registry.push("sel/none", "1.1.0");

        ImageOutcome outcome = decide("sel/none", Map.of("verify-key", "secret:cosign#cosign.pub"), "1.0.0", 1);

        assertEquals(ImageOutcome.Kind.CURRENT, outcome.kind(), outcome.message());
        assertEquals(
                List.of("1.1.0"),
                outcome.rejected().stream().map(RejectedCandidate::tag).toList());
    }

    @Test
    void withNoTagVerifiedAtAllThereIsNoCandidate() throws Exception {
        registry.push("sel/nothing", "1.1.0");

        ImageOutcome outcome = decide("sel/nothing", Map.of("verify-key", "secret:cosign#cosign.pub"), "1.0.0", 1);

        assertEquals(ImageOutcome.Kind.NO_CANDIDATE, outcome.kind(), outcome.message());
        assertEquals(
                List.of("1.1.0"),
                outcome.rejected().stream().map(RejectedCandidate::tag).toList());
    }

    @Test
    void aTagCreatedAnHourAgoWaitsForAMinimumAgeOfADay() throws Exception {
        Instant now = clock.instant();
        registry.push("age/web", "1.0.0", now.minus(Duration.ofDays(3)));
        registry.push("age/web", "1.1.0", now.minus(Duration.ofDays(2)));
        registry.push("age/web", "1.2.0", now.minus(Duration.ofHours(1)));

        ImageOutcome outcome;
        try (CapturedLog log = CapturedLog.start()) {
            outcome = decide("age/web", Map.of("web.min-age", "24h"), "1.0.0", 1);
            assertEquals(
                    1,
                    log.containing("newer tags wait for min-age 24h: 1.2.0 until "
                                    + now.minus(Duration.ofHours(1)).plus(Duration.ofHours(24)))
                            .size(),
                    log.lines().toString());
        }
        assertEquals("1.1.0", outcome.change().to().tag(), outcome.message());

        clock.advance(Duration.ofHours(23).plusMinutes(1));
        assertEquals(
                "1.2.0",
                decide("age/web", Map.of("web.min-age", "24h"), "1.0.0", 2)
                        .change()
                        .to()
                        .tag());
    }

    @Test
    void aTagWithoutCreatedCountsFromWhenItWasFirstSeen() throws Exception {
        registry.push("age/nocreated", "1.0.0", clock.instant().minus(Duration.ofDays(3)));
        pushWithoutCreated("age/nocreated", "1.1.0");

        assertEquals(
                ImageOutcome.Kind.CURRENT,
                decide("age/nocreated", Map.of("min-age", "24h"), "1.0.0", 1).kind());
        clock.advance(Duration.ofHours(23));
        assertEquals(
                ImageOutcome.Kind.CURRENT,
                decide("age/nocreated", Map.of("min-age", "24h"), "1.0.0", 2).kind());
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        ImageOutcome later = decide("age/nocreated", Map.of("min-age", "24h"), "1.0.0", 3);
        assertEquals(ImageOutcome.Kind.UPDATE, later.kind(), later.message());
        assertEquals("1.1.0", later.change().to().tag());
    }

    private static void pushWithoutCreated(String repository, String tag) {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = registry.pushBlob(repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                        + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        registry.pushManifest(repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest);
    }
}
