package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.options;
import static io.imageupdater.updater.CycleApps.optionsWithAnnotations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cycle restricted to one repository (a webhook event) runs the same pipeline as polling, on the targeted images
 * only: only they are looked up and written, under the same leader check, with the same status and metrics.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TargetedCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("targeted");
    private static TestRegistry registry;
    private static String web;
    private static String api;

    @Inject
    UpdateCycle cycle;

    @Inject
    CycleApps apps;

    @Inject
    KubernetesClient client;

    @Inject
    UpdaterConfig config;

    @Inject
    CycleStatus status;

    @Inject
    Scheduler scheduler;

    @Inject
    UpdaterMetrics metrics;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        web = registry.host() + "/acme/web";
        api = registry.host() + "/acme/api";
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
        registry.pushAll("acme/api", "2.0.0", "2.1.0");
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
    void onlyTheTargetedImagesAreLookedUpAndWritten() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(
                ns, "both", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":~1,api=" + api + ":~2"), web + ":1.0.0"));
        apps.create(kustomize(ns, "api-only", Map.of(Annotations.IMAGE_LIST, "api=" + api + ":~2"), api + ":2.0.0"));
        long apiListings = registry.requestCount("GET", "/v2/acme/api/tags/list");

        CycleResult result = cycle.run(options(ns), () -> true, CycleTarget.of(List.of(ImageRef.parse(web))));

        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "both"));
        assertNull(apps.kustomizeImages(ns, "api-only"));
        assertEquals(apiListings, registry.requestCount("GET", "/v2/acme/api/tags/list"), "api is not looked up");
        assertEquals(1, result.applications().size(), "an Application without a targeted image is left out");
        assertEquals(1, result.images());
        assertEquals(1, result.updated());
    }

    @Test
    void anImageWithoutARegistryMatchesDockerHubOnly() {
        CycleTarget hub = CycleTarget.of(List.of(new ImageRef("docker.io", "library/nginx", null, null)));
        CycleTarget other = CycleTarget.of(List.of(new ImageRef("quay.io", "library/nginx", null, null)));

        assertTrue(hub.includes(ImageRef.parse("nginx")));
        assertTrue(hub.includes(ImageRef.parse("index.docker.io/library/nginx")));
        assertTrue(!other.includes(ImageRef.parse("nginx")));
        assertTrue(!hub.includes(ImageRef.parse("quay.io/library/nginx")));
        assertTrue(CycleTarget.all().includes(ImageRef.parse("quay.io/x/y")));
    }

    @Test
    void aStandbyRunsNoTargetedCycleAndTheLeaderDoes() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "shop", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":~1"), web + ":1.0.0"));
        Leadership standby = new Leadership();
        standby.campaign();
        CycleTarget target = CycleTarget.of(List.of(ImageRef.parse(web)));

        Optional<CycleResult> none =
                new CycleRunner(cycle, config, status, scheduler, standby).runTargeted(options(ns), target);
        assertNull(apps.kustomizeImages(ns, "shop"), "a standby writes nothing");
        Optional<CycleResult> ran =
                new CycleRunner(cycle, config, status, scheduler, new Leadership()).runTargeted(options(ns), target);

        assertTrue(none.isEmpty());
        assertEquals(1, ran.orElseThrow().updated());
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "shop"));
    }

    @Test
    void anImageUpdaterResourceGetsTheUpdateInItsStatusAndMetricsWhileWhatOnlyPollingKnowsStays() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "shop", Map.of(), Map.of(), web + ":1.0.0"));
        apps.create(kustomize(ns, "billing", Map.of(), Map.of(), api + ":2.0.0"));
        createUpdater(
                ns,
                List.of(
                        Map.of(
                                "namePattern",
                                "shop",
                                "images",
                                List.of(Map.of("alias", "web", "imageName", web + ":1.0"))),
                        Map.of(
                                "namePattern",
                                "billing",
                                "images",
                                List.of(Map.of("alias", "api", "imageName", api + ":~2")))));
        cycle.run(optionsWithAnnotations(ns, false)); // polling: api updated, web pinned to 1.0
        ImageUpdaterStatus polled = status(ns);
        patchSpecImage(ns, web + ":~1");
        Double updatedBefore = metrics.resourceValue("images_updated", "fleet", ns);

        cycle.run(optionsWithAnnotations(ns, false), () -> true, CycleTarget.of(List.of(ImageRef.parse(web))));

        ImageUpdaterStatus after = status(ns);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "shop"));
        // (the mock API server appends lists in merge patches where a real one replaces them, so no size check)
        assertTrue(
                after.recentUpdates().stream()
                        .anyMatch(update -> update.newVersion().equals("1.1.0")
                                && update.message().contains(ns + "/shop")),
                after.recentUpdates().toString());
        assertEquals(polled.applicationsMatched(), after.applicationsMatched(), "2, not the 1 the event touched");
        assertEquals(polled.imagesManaged(), after.imagesManaged());
        assertEquals(polled.lastCheckedAt(), after.lastCheckedAt());
        assertEquals(
                (updatedBefore == null ? 0 : updatedBefore) + 1, metrics.resourceValue("images_updated", "fleet", ns));
    }

    private void createUpdater(String ns, List<Map<String, Object>> refs) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(ImageUpdaterResource.API_VERSION)
                .withKind(ImageUpdaterResource.KIND)
                .withNewMetadata()
                .withNamespace(ns)
                .withName("fleet")
                .endMetadata()
                .build();
        resource.setAdditionalProperties(new HashMap<>(Map.of("spec", Map.of("applicationRefs", refs))));
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .resource(resource)
                .create();
    }

    @SuppressWarnings("unchecked")
    private void patchSpecImage(String ns, String imageName) {
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName("fleet")
                .edit(resource -> {
                    Map<String, Object> spec = (Map<String, Object>)
                            resource.getAdditionalProperties().get("spec");
                    List<Map<String, Object>> refs = (List<Map<String, Object>>) spec.get("applicationRefs");
                    Map<String, Object> first = new HashMap<>(refs.get(0));
                    first.put("images", List.of(Map.of("alias", "web", "imageName", imageName)));
                    spec.put("applicationRefs", List.of(first, refs.get(1)));
                    return resource;
                });
    }

    private ImageUpdaterStatus status(String ns) {
        return ImageUpdaterResource.from(client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                        .inNamespace(ns)
                        .withName("fleet")
                        .get())
                .status();
    }
}
