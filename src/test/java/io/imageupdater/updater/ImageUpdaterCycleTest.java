package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.optionsWithAnnotations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.Condition;
import io.imageupdater.argocd.crd.ResourceProblem;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ImageUpdater resources driving the cycle, against the mock API server (CRUD, CRD registered) and docker-registry. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ImageUpdaterCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("iu");
    private static TestRegistry registry;
    private static String web;
    private static String api;

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
        web = registry.host() + "/acme/web";
        api = registry.host() + "/acme/api";
        registry.pushAll("acme/web", "1.0.0", "1.1.0", "1.2.0", "2.0.0", "1.3.0-rc.1", "latest");
        registry.pushAll("acme/api", "0.1.0", "0.2.0", "0.2.1");
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

    @Test
    void globRefAndLabelRefUpdateExactlyTheApplicationsTheySelect() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "shop-a", Map.of(), Map.of(), web + ":1.0.0"));
        apps.create(kustomize(ns, "shop-b", Map.of(), Map.of(), web + ":1.0.0"));
        apps.create(kustomize(ns, "billing", Map.of("team", "billing"), Map.of(), web + ":1.0.0"));
        String other = apps.create(kustomize(ns, "other", Map.of("team", "other"), Map.of(), web + ":1.0.0"))
                .getMetadata()
                .getResourceVersion();
        String unlabelled = apps.create(kustomize(ns, "shopfront", Map.of(), Map.of(), web + ":1.0.0"))
                .getMetadata()
                .getResourceVersion();
        createUpdater(
                ns,
                "shop",
                Map.of(
                        "applicationRefs",
                        List.of(
                                Map.of("namePattern", "shop-*", "images", List.of(image("web", web + ":^1.0"))),
                                Map.of(
                                        "namePattern",
                                        "*",
                                        "labelSelectors",
                                        Map.of(
                                                "matchExpressions",
                                                List.of(Map.of(
                                                        "key",
                                                        "team",
                                                        "operator",
                                                        "In",
                                                        "values",
                                                        List.of("billing")))),
                                        "images",
                                        List.of(image("web", web + ":~1.1"))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "shop-a"));
        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "shop-b"));
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "billing"));
        assertEquals(other, apps.resourceVersion(ns, "other"));
        assertEquals(unlabelled, apps.resourceVersion(ns, "shopfront"));
        assertFalse(result.hasErrors(), result.summary());
        ImageUpdaterStatus status = status(ns, "shop");
        assertEquals(3, status.applicationsMatched());
        assertEquals(3, status.imagesManaged());
        assertEquals("True", status.condition(ImageUpdaterStatus.READY).status());
        assertEquals("False", status.condition(ImageUpdaterStatus.ERROR).status());
        assertEquals("False", status.condition(ImageUpdaterStatus.RECONCILING).status());
        assertEquals(1L, status.observedGeneration());
        assertNotNull(Instant.parse(status.lastCheckedAt()));
        assertEquals(status.lastCheckedAt(), status.lastUpdatedAt());
        assertEquals(2, status.recentUpdates().size(), "one entry per (alias, new version): " + status.recentUpdates());
        var toTwelve = status.recentUpdates().stream()
                .filter(u -> u.newVersion().equals("1.2.0"))
                .findFirst()
                .orElseThrow();
        assertEquals(2, toTwelve.applicationsUpdated());
        assertEquals("web", toTwelve.alias());
        assertEquals(web, toTwelve.image());
        assertTrue(toTwelve.message().contains(ns + "/shop-a"), toTwelve.message());
        assertEquals(3.0, metrics.resourceValue("applications_watched", "shop", ns));
        assertEquals(3.0, metrics.resourceValue("images_updated", "shop", ns));
    }

    @Test
    void perImageStrategyOverridesWhileWriteBackIsInherited() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "mixed", Map.of(), Map.of(), api + ":0.1.0"));
        createUpdater(
                ns,
                "mixed",
                Map.of(
                        "commonUpdateSettings", Map.of("updateStrategy", "semver", "forceUpdate", true),
                        "writeBackConfig", Map.of("method", "argocd"),
                        "applicationRefs",
                                List.of(Map.of(
                                        "namePattern",
                                        "mixed",
                                        "writeBackConfig",
                                        Map.of("gitConfig", Map.of("branch", "release")),
                                        "images",
                                        List.of(
                                                Map.of(
                                                        "alias",
                                                        "web",
                                                        "imageName",
                                                        web,
                                                        "commonUpdateSettings",
                                                        Map.of("updateStrategy", "alphabetical")),
                                                image("api", api))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertFalse(result.hasErrors(), result.summary());
        assertEquals(
                Set.of(web + ":latest", api + ":0.2.1"),
                Set.copyOf(apps.kustomizeImages(ns, "mixed")),
                "web chosen alphabetically, api by the inherited semver; written with the inherited argocd method");
    }

    @Test
    void useAnnotationsTakesTheApplicationsOwnSettingsEvenWithTheLegacyPathOff() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(
                ns, "legacy-one", Map.of(), Map.of(Annotations.IMAGE_LIST, "web=" + web + ":~1.1"), web + ":1.0.0"));
        createUpdater(
                ns,
                "legacy",
                Map.of("applicationRefs", List.of(Map.of("namePattern", "legacy-*", "useAnnotations", true))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, false));

        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "legacy-one"));
        assertEquals(1, status(ns, "legacy").applicationsMatched());
        assertFalse(result.hasErrors(), result.summary());
    }

    @Test
    void olderResourceKeepsAContestedApplicationAndTheNewerOneReportsTheConflict() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "contested", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater(
                ns,
                "a-first",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "contested", "images", List.of(image("web", web + ":~1.1"))))));
        createUpdater(
                ns,
                "b-second",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "con*", "images", List.of(image("web", web + ":^1.0"))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "contested"));
        assertEquals(1, status(ns, "a-first").applicationsMatched());
        assertEquals(
                "True",
                status(ns, "a-first").condition(ImageUpdaterStatus.READY).status());
        ImageUpdaterStatus loser = status(ns, "b-second");
        assertEquals(0, loser.applicationsMatched());
        Condition error = loser.condition(ImageUpdaterStatus.ERROR);
        assertEquals("True", error.status());
        assertEquals(ResourceProblem.CONFLICT, error.reason());
        assertTrue(
                error.message().contains(ns + "/contested") && error.message().contains(ns + "/a-first"),
                error.message());
        assertTrue(result.hasErrors(), "a conflict makes run --once fail");
    }

    @Test
    void registryErrorShowsInTheErrorCondition() {
        String ns = NAMESPACES.next();
        String unreachable = "127.0.0.1:1/acme/gone";
        apps.create(kustomize(ns, "stranded", Map.of(), Map.of(), unreachable + ":1.0.0"));
        createUpdater(
                ns,
                "stranded",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "stranded", "images", List.of(image("gone", unreachable))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertTrue(result.hasErrors());
        ImageUpdaterStatus status = status(ns, "stranded");
        Condition error = status.condition(ImageUpdaterStatus.ERROR);
        assertEquals("True", error.status());
        assertEquals("RegistryError", error.reason());
        assertTrue(
                error.message().contains(unreachable) && error.message().contains(ns + "/stranded"), error.message());
        assertEquals("False", status.condition(ImageUpdaterStatus.READY).status());
        assertEquals(1, status.applicationsMatched());
        assertNull(status.lastUpdatedAt());
    }

    @Test
    void envAndExtPullSecretsOfAnImageUpdaterAreRefusedByDefault() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "tenant", Map.of(), Map.of(), web + ":1.0.0"));
        apps.create(kustomize(ns, "fine", Map.of(), Map.of(), api + ":0.1.0"));
        createUpdater(
                ns,
                "tenant",
                Map.of(
                        "applicationRefs",
                        List.of(
                                Map.of(
                                        "namePattern",
                                        "tenant",
                                        "images",
                                        List.of(Map.of(
                                                "alias",
                                                "web",
                                                "imageName",
                                                web + ":^1.0",
                                                "commonUpdateSettings",
                                                Map.of("pullSecret", "env:HOME")))),
                                Map.of("namePattern", "fine", "images", List.of(image("api", api + ":~0.2"))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        String message = CycleApps.outcome(result, ns + "/tenant").message();
        assertTrue(
                message.contains(web) && message.contains("env:") && message.contains("application-credential-sources"),
                message);
        assertNull(apps.kustomizeImages(ns, "tenant"));
        assertEquals(List.of(api + ":0.2.1"), apps.kustomizeImages(ns, "fine"));
    }

    @Test
    void invalidSpecIsReportedAndTheValidPartsStillWork() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "shop-a", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater(
                ns,
                "sloppy",
                Map.of(
                        "applicationRefs",
                        List.of(
                                Map.of("namePattern", "shop-[", "images", List.of(image("web", web))),
                                Map.of(
                                        "namePattern",
                                        "shop-?",
                                        "commonUpdateSettings",
                                        Map.of("updateStrategy", "newest"),
                                        "images",
                                        List.of(image("web", web + ":~1.1"))))));

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(
                List.of(web + ":1.1.0"),
                apps.kustomizeImages(ns, "shop-a"),
                "the unknown strategy falls back to semver");
        assertTrue(result.hasErrors());
        Condition error = status(ns, "sloppy").condition(ImageUpdaterStatus.ERROR);
        assertEquals("True", error.status());
        assertEquals(ResourceProblem.INVALID_SPEC, error.reason());
        assertTrue(error.message().contains("\"shop-[\" is not a valid glob"), error.message());
        assertTrue(error.message().contains("\"newest\" is not a known update strategy"), error.message());
    }

    @Test
    void annotatedApplicationOutsideEveryResourceIsStillUpdatedUnlessAnnotationsAreOff() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(
                ns, "old-style", Map.of(), Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));
        createUpdater(
                ns,
                "unrelated",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "nothing-here", "images", List.of(image("web", web))))));

        String before = apps.resourceVersion(ns, "old-style");
        cycle.run(optionsWithAnnotations(ns, false));
        assertEquals(before, apps.resourceVersion(ns, "old-style"), "--annotations=false");

        CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "old-style"));
        assertEquals(1, result.updated());
        assertEquals(
                "NoApplicationsMatched",
                status(ns, "unrelated").condition(ImageUpdaterStatus.READY).reason());
    }

    @Test
    void unchangedStatusIsNotRewrittenAndMetricsGoWithTheResource() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "steady", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater(
                ns,
                "steady",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "steady", "images", List.of(image("web", web + ":^1.0"))))));
        cycle.run(optionsWithAnnotations(ns, true));
        cycle.run(optionsWithAnnotations(ns, true));
        String version = updater(ns, "steady").getMetadata().getResourceVersion();

        cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(version, updater(ns, "steady").getMetadata().getResourceVersion());
        assertEquals(1.0, metrics.resourceValue("images_watched", "steady", ns));
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName("steady")
                .delete();
        cycle.run(optionsWithAnnotations(ns, true));
        assertNull(metrics.resourceValue("images_watched", "steady", ns));
        assertNull(metrics.resourceValue("images_updated", "steady", ns));
    }

    @Test
    void statusIsAMergePatchOfTheStatusSubresourceThatKeepsWhatOthersWrote() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "one", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater(
                ns,
                "merged",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "*", "images", List.of(image("web", web + ":^1.0"))))));
        cycle.run(optionsWithAnnotations(ns, true));
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName("merged")
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"note\":\"written by someone else\"}}");
        apps.create(kustomize(ns, "two", Map.of(), Map.of(), web + ":1.0.0"));

        cycle.run(optionsWithAnnotations(ns, true));

        assertEquals(2, status(ns, "merged").applicationsMatched());
        assertEquals("written by someone else", updater(ns, "merged").get("status", "note"));
        assertEquals(
                Map.of(
                        "applicationRefs",
                        List.of(Map.of("namePattern", "*", "images", List.of(image("web", web + ":^1.0"))))),
                updater(ns, "merged").getAdditionalProperties().get("spec"),
                "the spec is not touched");
    }

    private static Map<String, Object> image(String alias, String imageName) {
        return Map.of("alias", alias, "imageName", imageName);
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

    private GenericKubernetesResource updater(String ns, String name) {
        return client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .get();
    }

    private ImageUpdaterStatus status(String ns, String name) {
        ImageUpdaterStatus status = ImageUpdaterResource.from(updater(ns, name)).status();
        assertNotNull(status, "ImageUpdater " + ns + "/" + name + " has a status");
        return status;
    }
}
