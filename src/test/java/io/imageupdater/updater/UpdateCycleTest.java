package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.helm;
import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole cycle against the mock API server (CRUD mode) and a real docker-registry on loopback. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class UpdateCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("cycle");
    private static TestRegistry registry;
    private static String web;
    private static String api;

    @Inject
    UpdateCycle cycle;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

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

    @Test
    void kustomizeApplicationGetsTheNewestAllowedTag() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "shop", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));

        CycleResult result = cycle.run(options(ns, false));

        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "shop"));
        assertEquals(1, result.updated());
        assertFalse(result.hasErrors());
        assertTrue(client.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(event -> "ImagesUpdated".equals(event.getReason())
                        && event.getMessage().contains("1.2.0")));
    }

    @Test
    void helmApplicationGetsNameAndTagParameters() {
        String ns = NAMESPACES.next();
        apps.create(helm(ns, "billing", Map.of(Annotations.IMAGE_LIST, "api=" + api + ":~0.2"), api + ":0.1.0"));

        cycle.run(options(ns, false));

        List<Map<String, Object>> parameters = apps.spec(ns, "billing", "source", "helm", "parameters");
        assertEquals(
                List.of(
                        Map.of("name", "image.name", "value", api, "forceString", true),
                        Map.of("name", "image.tag", "value", "0.2.1", "forceString", true)),
                parameters);
    }

    @Test
    void unannotatedApplicationIsUntouched() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource created = apps.create(kustomize(ns, "plain", Map.of(), web + ":1.0.0"));

        CycleResult result = cycle.run(options(ns, false));

        assertEquals(0, result.applications().size());
        assertEquals(created.getMetadata().getResourceVersion(), apps.resourceVersion(ns, "plain"));
    }

    @Test
    void imageNotRunningIsUntouchedUnlessForced() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "idle", Map.of(Annotations.IMAGE_LIST, "web=" + web), api + ":0.1.0"));
        apps.create(kustomize(
                ns,
                "forced",
                Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.forImage("web", "force-update"), "true"),
                api + ":0.1.0"));

        CycleResult result = cycle.run(options(ns, false));

        assertNull(apps.kustomizeImages(ns, "idle"));
        assertEquals(List.of(web + ":2.0.0"), apps.kustomizeImages(ns, "forced"));
        assertEquals(1, result.updated());
    }

    @Test
    void invalidConstraintIsReportedWhileOthersAreUpdated() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "broken", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":>>1"), web + ":1.0.0"));
        apps.create(kustomize(ns, "fine", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":~1.1"), web + ":1.0.0"));

        CycleResult result = cycle.run(options(ns, false));

        assertTrue(result.hasErrors());
        ApplicationResult broken = result.applications().stream()
                .filter(app -> app.application().equals(ns + "/broken"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                broken.images().get(0).message().contains(">>1"),
                broken.images().get(0).message());
        assertNull(apps.kustomizeImages(ns, "broken"));
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "fine"));
    }

    @Test
    void invalidConstraintIsDecidedBeforeAnyRegistryRequest() {
        String ns = NAMESPACES.next();
        String unreachable = "127.0.0.1:1/acme/gone";
        apps.create(kustomize(
                ns, "judged", Map.of(Annotations.IMAGE_LIST, "gone=" + unreachable + ":>>1"), unreachable + ":1.0.0"));

        CycleResult result = cycle.run(options(ns, false));

        ImageOutcome outcome = CycleApps.outcome(result, ns + "/judged");
        assertEquals(ImageOutcome.Kind.ERROR, outcome.kind());
        assertTrue(outcome.message().contains(">>1") && outcome.message().contains(unreachable), outcome.message());
        assertFalse(outcome.message().contains("could not list"), "no tag request was made: " + outcome.message());
    }

    @Test
    void dryRunChangesNothing() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource created = apps.create(
                kustomize(ns, "shop", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));

        CycleResult result = cycle.run(options(ns, true));

        assertEquals(1, result.updated(), "the dry run still decides");
        assertEquals(created.getMetadata().getResourceVersion(), apps.resourceVersion(ns, "shop"));
        assertEquals(0, client.v1().events().inNamespace(ns).list().getItems().size());
    }

    @Test
    void unknownFieldsSurviveThePatch() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource app =
                kustomize(ns, "rich", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) app.getAdditionalProperties().get("spec");
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", true)));
        spec.put("somethingNew", Map.of("keep", "me"));
        app.getMetadata().setFinalizers(List.of("resources-finalizer.argocd.argoproj.io"));
        apps.create(app);

        cycle.run(options(ns, false));

        GenericKubernetesResource after = apps.read(ns, "rich");
        assertEquals(Map.of("keep", "me"), after.get("spec", "somethingNew"));
        assertEquals(true, after.get("spec", "syncPolicy", "automated", "prune"));
        assertEquals(
                List.of("resources-finalizer.argocd.argoproj.io"),
                after.getMetadata().getFinalizers());
        assertEquals("Kustomize", after.get("status", "sourceType"));
    }

    @Test
    void secondCycleDoesNotWriteAgain() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "steady", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));
        cycle.run(options(ns, false));
        String version = apps.resourceVersion(ns, "steady");

        CycleResult second = cycle.run(options(ns, false));

        assertEquals(0, second.updated());
        assertEquals(version, apps.resourceVersion(ns, "steady"));
    }

    @Test
    void tagsServedOverSeveralPagesAreAllConsidered() {
        List<String> tags =
                IntStream.rangeClosed(1, 25).mapToObj(i -> "1." + i + ".0").toList();
        try (FakeRegistry paged = FakeRegistry.start().withDefaultPageSize(4).withTags("acme/paged", tags)) {
            String image = paged.host() + "/acme/paged";
            String ns = NAMESPACES.next();
            apps.create(kustomize(ns, "paged", Map.of(Annotations.IMAGE_LIST, "p=" + image), image + ":1.1.0"));

            cycle.run(options(ns, false));

            assertEquals(List.of(image + ":1.25.0"), apps.kustomizeImages(ns, "paged"));
            assertEquals(7, paged.requests().size(), "25 tags in pages of 4: " + paged.requests());
        }
    }

    @Test
    void eachRepositoryIsListedOnceAcrossApplications() {
        String ns = NAMESPACES.next();
        for (int i = 0; i < 5; i++) {
            apps.create(
                    kustomize(ns, "app" + i, Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));
        }
        long before = registry.requestCount("GET", "/v2/acme/web/tags/list");

        cycle.run(options(ns, false));

        assertEquals(1, registry.requestCount("GET", "/v2/acme/web/tags/list") - before);
    }
}
