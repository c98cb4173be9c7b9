package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.helm;
import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.image.Platform;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TestRegistry.Format;
import io.imageupdater.testing.TestRegistry.Image;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** newest-build and digest through whole cycles: mock API server (CRUD) and a real docker-registry on loopback. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StrategiesCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("strategies");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static TestRegistry registry;
    private static String track;
    private static String trackDigest;
    private static String builds;

    @Inject
    UpdateCycle cycle;

    @Inject
    CycleApps apps;

    @Inject
    UpdaterMetrics metrics;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        track = registry.host() + "/acme/track";
        registry.push("acme/track", "1.0", Image.linux(Format.DOCKER, "amd64", hours(1)));
        trackDigest = registry.pushIndex(
                "acme/track",
                "latest",
                Format.OCI,
                List.of(Image.linux(Format.OCI, "amd64", hours(2)), Image.linux(Format.OCI, "arm64", hours(2))));
        builds = registry.host() + "/acme/builds";
        registry.push("acme/builds", "a", Image.linux(Format.DOCKER, "amd64", hours(1)));
        registry.pushIndex(
                "acme/builds",
                "b",
                Format.DOCKER,
                List.of(Image.linux(Format.DOCKER, "amd64", hours(2)), Image.linux(Format.DOCKER, "arm64", hours(5))));
        registry.push("acme/builds", "c", Image.linux(Format.OCI, "arm64", hours(9)));
        registry.pushIndex(
                "acme/builds",
                "d",
                Format.OCI,
                List.of(
                        new Image(Format.OCI, hours(12), "linux", "arm", "v6"),
                        new Image(Format.OCI, hours(3), "linux", "arm", "v7")));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void digestPinsKustomizeAndHelmApplicationsAndRestsOnTheNextCycle() {
        String ns = NAMESPACES.next();
        Map<String, String> annotations = Map.of(
                Annotations.IMAGE_LIST,
                "t=" + track + ":latest",
                Annotations.forImage("t", "update-strategy"),
                "digest");
        apps.create(kustomize(ns, "kust", annotations, track + ":latest"));
        apps.create(helm(ns, "chart", annotations, track + ":latest"));

        CycleResult first = cycle.run(options(ns));

        assertFalse(first.hasErrors(), first.toString());
        assertEquals(2, first.updated());
        assertEquals(List.of(track + ":latest@" + trackDigest), apps.kustomizeImages(ns, "kust"));
        assertEquals(
                List.of(
                        Map.of("name", "image.name", "value", track, "forceString", true),
                        Map.of("name", "image.tag", "value", "latest@" + trackDigest, "forceString", true)),
                apps.spec(ns, "chart", "source", "helm", "parameters"));
        String kust = apps.resourceVersion(ns, "kust");
        String chart = apps.resourceVersion(ns, "chart");

        CycleResult second = cycle.run(options(ns));

        assertEquals(0, second.updated());
        assertEquals(kust, apps.resourceVersion(ns, "kust"));
        assertEquals(chart, apps.resourceVersion(ns, "chart"));
    }

    @Test
    void digestLeavesAPinnedLiveImageAlone() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource created = apps.create(kustomize(
                ns,
                "pinned",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "t=" + track + ":latest",
                        Annotations.forImage("t", "update-strategy"),
                        "digest"),
                track + ":latest@" + trackDigest));

        CycleResult result = cycle.run(options(ns));

        assertEquals(0, result.updated());
        assertEquals(created.getMetadata().getResourceVersion(), apps.resourceVersion(ns, "pinned"));
    }

    @Test
    void newestBuildHonoursPlatforms() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "amd", newestBuild("linux/amd64"), builds + ":a"));
        apps.create(kustomize(ns, "arm", newestBuild("linux/arm64"), builds + ":a"));
        apps.create(kustomize(ns, "v7", newestBuild("linux/arm/v7"), builds + ":a"));
        apps.create(kustomize(ns, "either", newestBuild("linux/amd64, linux/arm64"), builds + ":a"));
        apps.create(kustomize(
                ns,
                "here",
                Map.of(Annotations.IMAGE_LIST, "b=" + builds, Annotations.forImage("b", "update-strategy"), "latest"),
                builds + ":a"));

        CycleResult result = cycle.run(options(ns));

        assertFalse(result.hasErrors(), result.toString());
        assertEquals(List.of(builds + ":b"), apps.kustomizeImages(ns, "amd"));
        assertEquals(List.of(builds + ":c"), apps.kustomizeImages(ns, "arm"));
        assertEquals(List.of(builds + ":d"), apps.kustomizeImages(ns, "v7"));
        assertEquals(List.of(builds + ":c"), apps.kustomizeImages(ns, "either"));
        String here = Map.of("linux/amd64", "b", "linux/arm64", "c")
                .getOrDefault(Platform.current().toString(), "a");
        assertEquals(
                here.equals("a") ? null : List.of(builds + ":" + here),
                apps.kustomizeImages(ns, "here"),
                "default: the updater's own platform");
    }

    @Test
    void secondCycleMakesNoManifestOrBlobRequestForTagsAlreadySeen() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "first", newestBuild("linux/amd64"), builds + ":a"));
        apps.create(kustomize(ns, "second", newestBuild("linux/amd64"), builds + ":a"));
        cycle.run(options(ns));
        long blobs = registry.requestCountUnder("GET", "/v2/acme/builds/blobs/");
        long bodies = registry.requestCountUnder("GET", "/v2/acme/builds/manifests/");
        long heads = registry.requestCountUnder("HEAD", "/v2/acme/builds/manifests/");
        double requests = metrics.registryRequests(registry.host());

        cycle.run(options(ns));

        assertTrue(blobs > 0, "the first cycle read config blobs");
        assertEquals(blobs, registry.requestCountUnder("GET", "/v2/acme/builds/blobs/"));
        assertEquals(bodies, registry.requestCountUnder("GET", "/v2/acme/builds/manifests/"));
        assertEquals(
                heads,
                registry.requestCountUnder("HEAD", "/v2/acme/builds/manifests/"),
                "newest-build takes a tag seen before at the digest it was seen at");
        assertEquals(requests + 1, metrics.registryRequests(registry.host()), "only the tag listing");
    }

    private static Map<String, String> newestBuild(String platforms) {
        return Map.of(
                Annotations.IMAGE_LIST,
                "b=" + builds,
                Annotations.forImage("b", "update-strategy"),
                "newest-build",
                Annotations.forImage("b", "platforms"),
                platforms);
    }

    private static Instant hours(int h) {
        return T0.plusSeconds(h * 3600L);
    }
}
