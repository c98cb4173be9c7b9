package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.image.Platform;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TestRegistry.Format;
import io.imageupdater.testing.TestRegistry.Image;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** newest-build and digest through whole cycles: mock API server (CRUD) and a real docker-registry on loopback. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StrategiesCycleTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static TestRegistry registry;
    private static String track;
    private static String trackDigest;
    private static String builds;

    @Inject
    UpdateCycle cycle;

    @Inject
    KubernetesClient client;

    @Inject
    UpdaterMetrics metrics;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        track = registry.host() + "/acme/track";
        registry.push("acme/track", "1.0", Image.linux(Format.DOCKER, "amd64", hours(1)));
        trackDigest = registry.pushIndex("acme/track", "latest", Format.OCI, List.of(
                Image.linux(Format.OCI, "amd64", hours(2)), Image.linux(Format.OCI, "arm64", hours(2))));
        builds = registry.host() + "/acme/builds";
        registry.push("acme/builds", "a", Image.linux(Format.DOCKER, "amd64", hours(1)));
        registry.pushIndex("acme/builds", "b", Format.DOCKER, List.of(
                Image.linux(Format.DOCKER, "amd64", hours(2)), Image.linux(Format.DOCKER, "arm64", hours(5))));
        registry.push("acme/builds", "c", Image.linux(Format.OCI, "arm64", hours(9)));
        registry.pushIndex("acme/builds", "d", Format.OCI, List.of(
                new Image(Format.OCI, hours(12), "linux", "arm", "v6"),
                new Image(Format.OCI, hours(3), "linux", "arm", "v7")));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void digestPinsKustomizeAndHelmApplicationsAndRestsOnTheNextCycle() {
        String ns = namespace();
        Map<String, String> annotations = Map.of(Annotations.IMAGE_LIST, "t=" + track + ":latest",
                Annotations.forImage("t", "update-strategy"), "digest");
        create(kustomize(ns, "kust", annotations, track + ":latest"));
        create(helm(ns, "chart", annotations, track + ":latest"));

        CycleResult first = cycle.run(options(ns));

        assertFalse(first.hasErrors(), first.toString());
        assertEquals(2, first.updated());
        assertEquals(List.of(track + ":latest@" + trackDigest), spec(ns, "kust", "source", "kustomize", "images"));
        assertEquals(List.of(Map.of("name", "image.name", "value", track, "forceString", true),
                Map.of("name", "image.tag", "value", "latest@" + trackDigest, "forceString", true)),
                spec(ns, "chart", "source", "helm", "parameters"));
        String kust = read(ns, "kust").getMetadata().getResourceVersion();
        String chart = read(ns, "chart").getMetadata().getResourceVersion();

        CycleResult second = cycle.run(options(ns));

        assertEquals(0, second.updated());
        assertEquals(kust, read(ns, "kust").getMetadata().getResourceVersion());
        assertEquals(chart, read(ns, "chart").getMetadata().getResourceVersion());
    }

    @Test
    void digestLeavesAPinnedLiveImageAlone() {
        String ns = namespace();
        GenericKubernetesResource created = create(kustomize(ns, "pinned", Map.of(Annotations.IMAGE_LIST,
                "t=" + track + ":latest", Annotations.forImage("t", "update-strategy"), "digest"),
                track + ":latest@" + trackDigest));

        CycleResult result = cycle.run(options(ns));

        assertEquals(0, result.updated());
        assertEquals(created.getMetadata().getResourceVersion(), read(ns, "pinned").getMetadata().getResourceVersion());
    }

    @Test
    void newestBuildHonoursPlatforms() {
        String ns = namespace();
        create(kustomize(ns, "amd", newestBuild("linux/amd64"), builds + ":a"));
        create(kustomize(ns, "arm", newestBuild("linux/arm64"), builds + ":a"));
        create(kustomize(ns, "v7", newestBuild("linux/arm/v7"), builds + ":a"));
        create(kustomize(ns, "either", newestBuild("linux/amd64, linux/arm64"), builds + ":a"));
        create(kustomize(ns, "here", Map.of(Annotations.IMAGE_LIST, "b=" + builds,
                Annotations.forImage("b", "update-strategy"), "latest"), builds + ":a"));

        CycleResult result = cycle.run(options(ns));

        assertFalse(result.hasErrors(), result.toString());
        assertEquals(List.of(builds + ":b"), spec(ns, "amd", "source", "kustomize", "images"));
        assertEquals(List.of(builds + ":c"), spec(ns, "arm", "source", "kustomize", "images"));
        assertEquals(List.of(builds + ":d"), spec(ns, "v7", "source", "kustomize", "images"));
        assertEquals(List.of(builds + ":c"), spec(ns, "either", "source", "kustomize", "images"));
        String here = Map.of("linux/amd64", "b", "linux/arm64", "c").getOrDefault(Platform.current().toString(), "a");
        assertEquals(here.equals("a") ? null : List.of(builds + ":" + here),
                spec(ns, "here", "source", "kustomize", "images"), "default: the updater's own platform");
    }

    @Test
    void secondCycleMakesNoManifestOrBlobRequestForTagsAlreadySeen() {
        String ns = namespace();
        create(kustomize(ns, "first", newestBuild("linux/amd64"), builds + ":a"));
        create(kustomize(ns, "second", newestBuild("linux/amd64"), builds + ":a"));
        cycle.run(options(ns));
        long blobs = registry.requestCountUnder("GET", "/v2/acme/builds/blobs/");
        long bodies = registry.requestCountUnder("GET", "/v2/acme/builds/manifests/");
        long heads = registry.requestCountUnder("HEAD", "/v2/acme/builds/manifests/");
        double requests = metrics.registryRequests(registry.host());

        cycle.run(options(ns));

        assertTrue(blobs > 0, "the first cycle read config blobs");
        assertEquals(blobs, registry.requestCountUnder("GET", "/v2/acme/builds/blobs/"));
        assertEquals(bodies, registry.requestCountUnder("GET", "/v2/acme/builds/manifests/"));
        assertEquals(heads, registry.requestCountUnder("HEAD", "/v2/acme/builds/manifests/"),
                "newest-build takes a tag seen before at the digest it was seen at");
        assertEquals(requests + 1, metrics.registryRequests(registry.host()), "only the tag listing");
    }

    private static Map<String, String> newestBuild(String platforms) {
        return Map.of(Annotations.IMAGE_LIST, "b=" + builds, Annotations.forImage("b", "update-strategy"),
                "newest-build", Annotations.forImage("b", "platforms"), platforms);
    }

    private static Instant hours(int h) {
        return T0.plusSeconds(h * 3600L);
    }

    private static String namespace() {
        return "strategies-" + NAMESPACES.incrementAndGet();
    }

    private static CycleOptions options(String namespace) {
        return new CycleOptions(new ApplicationFilter(Set.of(namespace), List.of(), null), false, 4);
    }

    private GenericKubernetesResource create(GenericKubernetesResource app) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT).inNamespace(app.getMetadata().getNamespace())
                .resource(app).create();
    }

    private GenericKubernetesResource read(String ns, String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT).inNamespace(ns).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private <T> T spec(String ns, String name, String... path) {
        Object[] full = new Object[path.length + 1];
        full[0] = "spec";
        System.arraycopy(path, 0, full, 1, path.length);
        return (T) read(ns, name).get(full);
    }

    private static GenericKubernetesResource kustomize(String ns, String name, Map<String, String> annotations,
            String live) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("repoURL", "https://git.example.com/shop.git",
                "path", "overlays/prod", "targetRevision", "HEAD"));
        return app(ns, name, annotations, source, "Kustomize", live);
    }

    private static GenericKubernetesResource helm(String ns, String name, Map<String, String> annotations,
            String live) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("repoURL", "https://charts.example.com",
                "chart", "billing", "targetRevision", "1.0.0"));
        return app(ns, name, annotations, source, "Helm", live);
    }

    private static GenericKubernetesResource app(String ns, String name, Map<String, String> annotations,
            Map<String, Object> source, String sourceType, String live) {
        Map<String, Object> spec = new HashMap<>(Map.of("project", "default", "source", source,
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns)));
        Map<String, Object> status = Map.of("sourceType", sourceType, "summary", Map.of("images", List.of(live)));
        return Applications.application(ns, name, Map.of(), annotations, spec, status);
    }
}
