package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.optionsWithAnnotations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.Cosign;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole cycle with verification and min-age as the application wires it: the key read from a Secret in the mock
 * API server, signatures from a real docker-registry, the rejection in the ImageUpdater's status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class VerifiedCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("vf");
    private static final KeyPair KEY = Cosign.ecdsa("secp256r1");
    private static TestRegistry registry;
    private static String web;

    @Inject
    UpdateCycle cycle;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

    @Inject
    UpdaterMetrics metrics;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        web = registry.host() + "/signed/web";
        Instant old = Instant.now().minus(Duration.ofDays(5));
        Cosign.signWithKey(registry, "signed/web", registry.push("signed/web", "1.0.0", old), KEY.getPrivate());
        Cosign.signWithKey(
                registry, "signed/web", registry.push("signed/web", "1.1.0", old.plusSeconds(1)), KEY.getPrivate());
        registry.push("signed/web", "1.2.0", old.plusSeconds(2));
        Cosign.signWithKey(
                registry,
                "signed/web",
                registry.push("signed/web", "1.3.0", Instant.now().minus(Duration.ofHours(1))),
                KEY.getPrivate());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void registerCrd() {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName("imageupdaters.argocd-image-updater.argoproj.io").get() == null) {
            crds.load(Path.of("kubernetes/crd-imageupdaters.yaml").toFile()).create();
        }
    }

    private void keySecret(String ns) {
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("cosign")
                        .withNamespace(ns)
                        .endMetadata()
                        .withStringData(Map.of("cosign.pub", Cosign.pem(KEY.getPublic())))
                        .build())
                .create();
    }

    @Test
    void anImageUpdaterWithACosignKeyTakesTheNewestSignedTagAndReportsTheUnsignedOne() {
        String ns = NAMESPACES.next();
        keySecret(ns);
        apps.create(kustomize(ns, "shop", Map.of(), Map.of(), web + ":1.0.0"));
        double unsignedBefore = metrics.verifications("unsigned");
        createUpdater(
                ns,
                "shop",
                Map.of(
                        "commonUpdateSettings",
                        Map.of("minAge", "24h"),
                        "imagesVerification",
                        Map.of("enabled", true, "cosignKey", Map.of("secretName", "cosign", "key", "cosign.pub")),
                        "applicationRefs",
                        List.of(Map.of(
                                "namePattern", "shop", "images", List.of(Map.of("alias", "web", "imageName", web))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertFalse(result.hasErrors(), result.summary());
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "shop"), "1.3.0 is too young, 1.2.0 unsigned");
        ImageUpdaterStatus status = ImageUpdaterResource.from(
                        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                                .inNamespace(ns)
                                .withName("shop")
                                .get())
                .status();
        assertEquals(
                List.of("1.2.0 unsigned"),
                status.rejectedCandidates().stream()
                        .map(r -> r.tag() + " " + r.reason())
                        .toList());
        assertEquals(ns + "/shop", status.rejectedCandidates().get(0).application());
        assertEquals(unsignedBefore + 1, metrics.verifications("unsigned"));
        assertTrue(
                status.tagsFirstSeen().stream()
                        .anyMatch(s -> s.image().equals(web) && s.tag().equals("1.3.0")),
                status.tagsFirstSeen().toString());
    }

    @Test
    void annotationsReadTheKeyFromTheApplicationsNamespaceAndAMissingSecretFailsOnlyThatImage() {
        String ns = NAMESPACES.next();
        keySecret(ns);
        apps.create(kustomize(
                ns,
                "annotated",
                Map.of(
                        "argocd-image-updater.argoproj.io/image-list",
                        "web=" + web,
                        "argocd-image-updater.argoproj.io/web.verify-key",
                        "secret:cosign#cosign.pub"),
                web + ":1.0.0"));
        apps.create(kustomize(
                ns,
                "missing",
                Map.of(
                        "argocd-image-updater.argoproj.io/image-list",
                        "web=" + web,
                        "argocd-image-updater.argoproj.io/web.verify-key",
                        "secret:nope#cosign.pub"),
                web + ":1.0.0"));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(List.of(web + ":1.3.0"), apps.kustomizeImages(ns, "annotated"));
        assertNull(apps.kustomizeImages(ns, "missing"), "not written");
        assertTrue(result.summary().contains("errors=1"), result.summary());
    }

    private void createUpdater(String ns, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(ImageUpdaterResource.API_VERSION)
                .withKind(ImageUpdaterResource.KIND)
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .endMetadata()
                .build();
        resource.setAdditionalProperties(new HashMap<>(Map.of("spec", spec)));
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .resource(resource)
                .create();
    }
}
