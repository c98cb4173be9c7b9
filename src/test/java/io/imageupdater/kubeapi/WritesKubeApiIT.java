package io.imageupdater.kubeapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.KubeApi;
import io.imageupdater.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 3: what the updater writes, a real API server (with Argo CD's real, structural Application
 * schema) accepts and keeps: Application write-backs (JSON Patch with {@code test} operations), ImageUpdater
 * status (a merge patch of the {@code status} subresource), Events and Lease renewals. The API server's audit log
 * says what was sent; each write is read back and compared field by field. A concurrent change makes the
 * {@code test} fail, and the updater decides again on the fresh Application (and writes only if it still should).
 */
class WritesKubeApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AUDIT =
            Path.of("target", "kube-api-test", "writes-audit").toAbsolutePath();
    private static KubeApi api;
    private static TestRegistry registry;
    private static AuditLog audit;
    /** Answers tag lists after 4 s, so that a test can change an Application while a cycle is in flight. */
    private static FakeRegistry slow;

    @BeforeAll
    static void start() {
        api = KubeApi.start("writes", AuditLog.apiServerFlags(AUDIT));
        audit = new AuditLog(AuditLog.file(AUDIT));
        api.installArgoCdCrds();
        api.installImageUpdaterCrd();
        registry = Scene.registry();
        slow = FakeRegistry.start().withDelay(Duration.ofSeconds(4));
    }

    @AfterAll
    static void stop() {
        if (slow != null) {
            slow.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static String user(String ns) {
        return "system:serviceaccount:" + ns + ":" + Scene.SERVICE_ACCOUNT;
    }

    @Test
    void everyWriteIsAcceptedAndNothingIsPruned() throws Exception {
        String ns = "writes";
        try (Scene scene = Scene.create(api, ns, registry, UnaryOperator.identity())) {
            Map<String, GenericKubernetesResource> before = new HashMap<>();
            for (String app : List.of("annotated", "crd-app", "ssh-app")) {
                before.put(app, scene.read(app));
            }
            try (Updater updater = scene.start(
                    "updater-writes",
                    Map.of(
                            "IMAGE_UPDATER_LEADER_ELECTION_LEASE_DURATION", "6s",
                            "IMAGE_UPDATER_LEADER_ELECTION_RENEW_DEADLINE", "4s",
                            "IMAGE_UPDATER_LEADER_ELECTION_RETRY_PERIOD", "1s"))) {
                String log = updater.awaitAny(Duration.ofSeconds(120), Updater.CYCLE_FINISHED);
                assertTrue(log.contains("updated=3 skipped=0 errors=0 imageupdaters=1"), log);
                // a few Lease renewals
                Updater.sleep(3500);
                updater.kill();
            }

            List<AuditLog.Entry> writes =
                    audit.of(user(ns)).stream().filter(AuditLog.Entry::isWrite).toList();
            List<String> failed = writes.stream()
                    .filter(w -> w.code() >= 300)
                    .map(AuditLog.Entry::describe)
                    .toList();
            assertEquals(List.of(), failed, "writes the server refused");

            assertAll(
                    () -> applicationWrites(scene, writes, before),
                    () -> statusWrites(scene, writes),
                    () -> eventWrites(ns, writes),
                    () -> leaseWrites(ns, writes));
        }
    }

    private static void applicationWrites(
            Scene scene, List<AuditLog.Entry> writes, Map<String, GenericKubernetesResource> before) {
        String ns = scene.ns;
        // the argocd write-back: a JSON Patch with test operations, kept as sent
        List<AuditLog.Entry> allAppWrites = of(writes, "applications", "");
        List<AuditLog.Entry> appWrites =
                allAppWrites.stream().filter(w -> w.request().isArray()).toList();
        assertEquals(
                List.of("patch applications " + ns + "/annotated -> 200"),
                appWrites.stream().map(AuditLog.Entry::describe).toList());
        // the safety record of the image written to the Application's spec (so a manual rollback is recognised): a
        // merge patch of the updater's own annotation only, guarded by the resourceVersion it was read at; Git
        // write-back leaves its Applications alone
        List<AuditLog.Entry> records =
                allAppWrites.stream().filter(w -> !w.request().isArray()).toList();
        assertEquals(
                List.of("patch applications " + ns + "/annotated -> 200"),
                records.stream().map(AuditLog.Entry::describe).sorted().toList());
        for (AuditLog.Entry record : records) {
            JsonNode metadata = record.request().path("metadata");
            assertEquals(List.of("metadata"), fieldNames(record.request()), record.request()::toString);
            assertEquals(List.of("resourceVersion", "annotations"), fieldNames(metadata), metadata::toString);
            assertEquals(
                    List.of("argocd-image-updater.argoproj.io/safety-state"),
                    fieldNames(metadata.path("annotations")),
                    metadata::toString);
        }
        JsonNode patch = appWrites.get(0).request();
        assertTrue(patch.isArray(), "a JSON Patch: " + patch);
        assertTrue(ops(patch).contains("test"), "with test operations: " + patch);
        JsonNode annotated = json(scene.read("annotated"));
        assertEquals(List.of(), AuditLog.missing(patch, annotated), "pruned from the Application");
        assertEquals(
                List.of(),
                AuditLog.missing(withoutChangedImages(before.get("annotated")), annotated),
                "the rest of the Application unchanged");
        assertEquals(
                JSON.valueToTree(List.of(scene.registryHost + "/acme/web:1.1.0")),
                annotated.at("/spec/source/kustomize/images"));
        for (String app : List.of("crd-app", "ssh-app")) {
            assertEquals(
                    json(before.get(app)).path("spec"),
                    json(scene.read(app)).path("spec"),
                    app + ": Git write-back leaves the Application alone");
        }
    }

    private static void statusWrites(Scene scene, List<AuditLog.Entry> writes) {
        // ImageUpdater status: a merge patch of the status subresource
        List<AuditLog.Entry> statusWrites = of(writes, "imageupdaters", "status");
        assertEquals(
                1,
                statusWrites.size(),
                writes.stream().map(AuditLog.Entry::describe).toList()::toString);
        assertEquals("patch", statusWrites.get(0).verb());
        assertTrue(statusWrites.get(0).request().isObject(), "a merge patch");
        assertEquals(List.of(), AuditLog.missing(statusWrites.get(0).request(), json(scene.imageUpdater())), "status");
        assertTrue(of(writes, "imageupdaters", "").isEmpty(), "the spec is never written");
    }

    private static void eventWrites(String ns, List<AuditLog.Entry> writes) {
        // Events
        List<AuditLog.Entry> events = of(writes, "events", "");
        assertEquals(1, events.size());
        assertEquals("create", events.get(0).verb());
        JsonNode event = events.get(0).request();
        JsonNode stored = json(api.admin()
                .v1()
                .events()
                .inNamespace(ns)
                .withName(event.at("/metadata/name").asText())
                .get());
        assertEquals(List.of(), AuditLog.missing(event, stored), "the Event");
    }

    private static void leaseWrites(String ns, List<AuditLog.Entry> writes) {
        // Lease: created, renewed, the last renewal stored as sent
        List<AuditLog.Entry> leases = of(writes, "leases", "");
        assertEquals("create", leases.get(0).verb());
        assertTrue(
                leases.size() >= 3,
                "renewed: " + leases.stream().map(AuditLog.Entry::describe).toList());
        AuditLog.Entry last = leases.get(leases.size() - 1);
        JsonNode lease = json(api.admin()
                .leases()
                .inNamespace(ns)
                .withName("argocd-image-updater-leader")
                .get());
        assertEquals("updater-writes", lease.at("/spec/holderIdentity").asText());
        assertEquals(List.of(), AuditLog.missing(last.request(), lease), "the last Lease renewal");
    }

    @Test
    void aConcurrentPinToANewerVersionFailsTheTestAndTheUpdaterDecidesAgainNotToWrite() {
        String web = slow.host() + "/acme/web";
        List<String> pinned = List.of("example.org/sidecar:5.0.0", web + ":2.0.0");

        List<AuditLog.Entry> writes = race("race-newer", pinned);

        assertEquals(
                List.of("patch applications race-newer/race -> 422"),
                writes.stream().map(AuditLog.Entry::describe).toList(),
                "the test operation failed; decided again on the fresh Application: 2.0.0 is newer, nothing to write");
        assertEquals(JSON.valueToTree(pinned), json(scene("race-newer")).at("/spec/source/kustomize/images"));
    }

    @Test
    void aConcurrentChangeElsewhereFailsTheTestAndTheNewDecisionIsWrittenOverIt() {
        String web = slow.host() + "/acme/web";

        List<AuditLog.Entry> writes = race("race-other", List.of("example.org/sidecar:5.0.0"));

        assertEquals(
                List.of("patch applications race-other/race -> 422", "patch applications race-other/race -> 200"),
                writes.stream()
                        .filter(w -> w.request().isArray())
                        .map(AuditLog.Entry::describe)
                        .toList(),
                "the test operation failed once, then the patch decided on the fresh Application went through");
        JsonNode stored = json(scene("race-other"));
        assertEquals(
                JSON.valueToTree(List.of("example.org/sidecar:5.0.0", web + ":1.1.0")),
                stored.at("/spec/source/kustomize/images"),
                "the concurrent change kept, the update applied");
        assertEquals(List.of(), AuditLog.missing(writes.get(1).request(), stored));
    }

    /**
     * One Application at {@code web:1.0.0}; while the updater waits for the registry's tags (1.0.0, 1.1.0), someone
     * else sets the Application's Kustomize images to {@code images}. Returns the updater's Application writes.
     */
    private static List<AuditLog.Entry> race(String ns, List<String> images) {
        String web = slow.host() + "/acme/web";
        slow.withTags("acme/web", List.of("1.0.0", "1.1.0"));
        int seen = tagRequests();
        try (Scene scene = Scene.empty(api, ns, slow.host(), UnaryOperator.identity())) {
            scene.create(scene.application(
                    "race",
                    "https://git.example.com/shop.git",
                    "overlays/prod",
                    Map.of("argocd-image-updater.argoproj.io/image-list", "web=" + web),
                    web + ":1.0.0"));
            try (Updater updater = scene.start("updater-" + ns, Map.of())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (tagRequests() == seen) {
                    assertTrue(updater.isAlive(), updater::log);
                    assertTrue(System.nanoTime() < deadline, updater::log);
                    Updater.sleep(50);
                }
                GenericKubernetesResource app = scene.read("race");
                @SuppressWarnings("unchecked")
                Map<String, Object> source =
                        (Map<String, Object>) ((Map<String, Object>) app.get("spec")).get("source");
                @SuppressWarnings("unchecked")
                Map<String, Object> kustomize = (Map<String, Object>) source.get("kustomize");
                kustomize.put("images", new ArrayList<>(images));
                api.admin()
                        .genericKubernetesResources(ArgoApplication.CONTEXT)
                        .inNamespace(ns)
                        .resource(app)
                        .update();

                String log = updater.awaitAny(Duration.ofSeconds(120), Updater.CYCLE_FINISHED);
                assertTrue(log.contains("errors=0"), log);
                updater.kill();
            }
        }
        return of(audit.of(user(ns)).stream().filter(AuditLog.Entry::isWrite).toList(), "applications", "");
    }

    private static int tagRequests() {
        return (int)
                slow.requests().stream().filter(r -> r.contains("/tags/list")).count();
    }

    private static GenericKubernetesResource scene(String ns) {
        return api.admin()
                .genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName("race")
                .get();
    }

    private static List<AuditLog.Entry> of(List<AuditLog.Entry> writes, String resource, String subresource) {
        return writes.stream()
                .filter(w -> w.resource().equals(resource) && w.subresource().equals(subresource))
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ops(JsonNode patch) {
        List<String> ops = new ArrayList<>();
        patch.forEach(op -> ops.add(op.path("op").asText()));
        return ops;
    }

    /** The Application as created, without the fields the write-back changes. */
    private static JsonNode withoutChangedImages(GenericKubernetesResource app) {
        JsonNode node = json(app).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.at("/spec/source/kustomize")).remove("images");
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("metadata")).remove("resourceVersion");
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("metadata")).remove("managedFields");
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("metadata")).remove("generation");
        return node;
    }

    private static JsonNode json(HasMetadata object) {
        assertNotNull(object);
        return readTree(api.admin().getKubernetesSerialization().asJson(object));
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
