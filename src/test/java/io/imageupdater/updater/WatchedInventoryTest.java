package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.await;
import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationWatch;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.Namespaces;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run}'s gather step: Applications come from informer stores, so a steady cycle lists nothing; what changes
 * between cycles reaches the next one through the watch; the store keeps none of Argo CD's big status fields.
 * Each test waits until the store holds the resourceVersion it wrote before running a cycle, so none depends on
 * how fast the watch is.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WatchedInventoryTest {
    private static final Namespaces NAMESPACES = new Namespaces("watched");
    private static final Duration CATCH_UP = Duration.ofSeconds(20);
    private static FakeRegistry registry;
    private static String web;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    UpdateCycle cycle;

    @Inject
    InventoryReader inventory;

    @Inject
    ApplicationWatch watch;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

    @BeforeAll
    static void startRegistry() {
        registry = FakeRegistry.start().withTags("acme/web", List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0"));
        web = registry.host() + "/acme/web";
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void steadyCycleMakesNoListRequest() throws InterruptedException {
        String ns = NAMESPACES.next();
        GenericKubernetesResource created = apps.create(
                kustomize(ns, "shop", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.2.0"));
        inventory.watch(options(ns).filter());
        awaitStored(ns, "shop", created.getMetadata().getResourceVersion());
        drain();

        CycleResult first = cycle.run(options(ns));
        CycleResult steady = cycle.run(options(ns));

        assertEquals(1, first.applications().size());
        assertEquals(1, steady.applications().size());
        List<String> lists = lists(drain(), ns);
        assertEquals(List.of(), lists, "no list of Applications or ImageUpdaters while watching");

        String other = NAMESPACES.next();
        apps.create(kustomize(other, "shop", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.2.0"));
        drain();
        cycle.run(options(other));
        assertEquals(2, lists(drain(), other).size(), "an unwatched namespace is listed (Applications, ImageUpdaters)");
    }

    @Test
    void applicationAnnotatedBetweenCyclesIsSeenInTheNextCycle() throws InterruptedException {
        String ns = NAMESPACES.next();
        GenericKubernetesResource plain = apps.create(kustomize(ns, "late", Map.of(), web + ":1.0.0"));
        inventory.watch(options(ns).filter());
        awaitStored(ns, "late", plain.getMetadata().getResourceVersion());
        assertEquals(0, cycle.run(options(ns)).applications().size());

        GenericKubernetesResource annotated = client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName("late")
                .edit(app -> {
                    Map<String, String> annotations = new HashMap<>(
                            app.getMetadata().getAnnotations() == null
                                    ? Map.of()
                                    : app.getMetadata().getAnnotations());
                    annotations.put(Annotations.IMAGE_LIST, "web=" + web + ":~1.1");
                    app.getMetadata().setAnnotations(annotations);
                    return app;
                });
        awaitStored(ns, "late", annotated.getMetadata().getResourceVersion());

        CycleResult next = cycle.run(options(ns));

        assertEquals(1, next.applications().size());
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "late"));
    }

    @Test
    void storeHoldsNoneOfTheBigStatusFields() throws InterruptedException {
        String ns = NAMESPACES.next();
        GenericKubernetesResource app =
                kustomize(ns, "big", Map.of(Annotations.IMAGE_LIST, "web=" + web), web + ":1.0.0");
        Map<String, Object> status = new HashMap<String, Object>(app.<Map<String, Object>>get("status"));
        status.put(
                "resources",
                IntStream.range(0, 30)
                        .mapToObj(i -> Map.of("kind", "Deployment", "name", "d" + i, "status", "Synced"))
                        .toList());
        status.put("history", List.of(Map.of("id", 1, "revision", "abc", "source", Map.of("repoURL", "x"))));
        status.put("operationState", Map.of("phase", "Succeeded", "syncResult", Map.of("revision", "abc")));
        status.put("conditions", List.of(Map.of("type", "SyncError", "message", "m")));
        status.put("health", Map.of("status", "Healthy"));
        status.put("sync", Map.of("status", "Synced", "revision", "abc", "comparedTo", Map.of("source", Map.of())));
        app.setAdditionalProperty("status", status);
        GenericKubernetesResource created = apps.create(app);
        inventory.watch(options(ns).filter());
        awaitStored(ns, "big", created.getMetadata().getResourceVersion());

        GenericKubernetesResource stored = watch.stored(ns, ns, "big").orElseThrow();

        assertNull(stored.get("status", "resources"));
        assertNull(stored.get("status", "history"));
        assertNull(stored.get("status", "operationState"));
        assertNull(stored.get("status", "conditions"));
        assertNull(stored.get("status", "sync", "comparedTo"));
        assertEquals(List.of(web + ":1.0.0"), stored.get("status", "summary", "images"));
        assertEquals("Synced", stored.get("status", "sync", "status"));
        assertEquals("Healthy", stored.get("status", "health", "status"));
        assertEquals("Kustomize", stored.get("status", "sourceType"));
        assertNotNull(stored.get("spec", "source", "repoURL"));
        assertEquals(created.getMetadata().getUid(), stored.getMetadata().getUid());
        assertEquals(
                Map.of(Annotations.IMAGE_LIST, "web=" + web),
                stored.getMetadata().getAnnotations());
        ArgoApplication read = ArgoApplication.from(stored);
        assertTrue(read.source().isPresent());
        assertFalse(read.liveImages().isEmpty());
    }

    @Test
    void aWriteWhoseHealthIsWatchedIsReadWholeOnceTheOthersComeFromTheStore() throws InterruptedException {
        String ns = NAMESPACES.next();
        Instant now = Instant.now();
        SafetyState watching = SafetyState.EMPTY.with(
                "web",
                SafetyState.ImageRecord.written("1.2.0", "1.1.0", now.minusSeconds(60), now.plusSeconds(540), true));
        GenericKubernetesResource watched = kustomize(
                ns,
                "watched",
                Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.SAFETY_STATE, watching.json()),
                web + ":1.2.0");
        GenericKubernetesResource quiet =
                kustomize(ns, "quiet", Map.of(Annotations.IMAGE_LIST, "web=" + web), web + ":1.2.0");
        for (GenericKubernetesResource app : List.of(watched, quiet)) {
            Map<String, Object> status = new HashMap<String, Object>(app.<Map<String, Object>>get("status"));
            status.put("operationState", Map.of("phase", "Failed", "finishedAt", now.toString()));
            app.setAdditionalProperty("status", status);
        }
        String watchedVersion = apps.create(watched).getMetadata().getResourceVersion();
        String quietVersion = apps.create(quiet).getMetadata().getResourceVersion();
        inventory.watch(options(ns).filter());
        awaitStored(ns, "watched", watchedVersion);
        awaitStored(ns, "quiet", quietVersion);
        ArgoApplication storedWatched =
                ArgoApplication.from(watch.stored(ns, ns, "watched").orElseThrow());
        ArgoApplication storedQuiet =
                ArgoApplication.from(watch.stored(ns, ns, "quiet").orElseThrow());
        drain();

        ArgoApplication whole = inventory.withHealth(storedWatched, now);
        ArgoApplication same = inventory.withHealth(storedQuiet, now);

        assertEquals("Failed", whole.listed().get("status", "operationState", "phase"), "read whole: its sync failed");
        assertTrue(SafetyContext.of(whole, null, now).health().syncFailedAfter(now.minusSeconds(60)));
        assertNull(same.listed().get("status", "operationState"), "not watched: the store's copy is enough");
        List<String> gets = drain().stream()
                .filter(request -> "GET".equals(request.getMethod()))
                .map(RecordedRequest::getPath)
                .toList();
        assertEquals(List.of("/apis/argoproj.io/v1alpha1/namespaces/" + ns + "/applications/watched"), gets);
    }

    private void awaitStored(String ns, String name, String resourceVersion) throws InterruptedException {
        await(
                () -> watch.stored(ns, ns, name)
                        .map(app -> resourceVersion.equals(app.getMetadata().getResourceVersion()))
                        .orElse(false),
                CATCH_UP);
        await(inventory::synced, CATCH_UP);
    }

    /** The requests the mock API server received since the last drain. */
    private List<RecordedRequest> drain() throws InterruptedException {
        KubernetesMockServer mock = server.getKubernetesMockServer();
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = mock.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    /** GETs of Application or ImageUpdater collections in a namespace that are not watches: list requests. */
    private static List<String> lists(List<RecordedRequest> requests, String ns) {
        return requests.stream()
                .filter(request -> "GET".equals(request.getMethod()))
                .map(RecordedRequest::getPath)
                .filter(path -> !path.contains("watch=true"))
                .map(path -> path.split("\\?")[0])
                .filter(path -> path.endsWith("/namespaces/" + ns + "/applications")
                        || path.endsWith("/namespaces/" + ns + "/imageupdaters"))
                .toList();
    }
}
