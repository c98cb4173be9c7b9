package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.optionsWithAnnotations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Update windows, approvals, health-gated rollback, manual-rollback pins and no-downgrade through whole cycles with an
 * injected clock, against the mock API server (CRUD) and a real docker-registry. Every cycle runs on a fresh
 * per-Application pipeline, as after a restart: all state is read back from the cluster.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SafetyCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("safety");
    private static TestRegistry registry;

    @Inject
    CycleParts parts;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

    @Inject
    Registries registries;

    @Inject
    UpdaterMetrics metrics;

    private String ns;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        ns = NAMESPACES.next();
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName("imageupdaters.argocd-image-updater.argoproj.io").get() == null) {
            crds.load(Path.of("kubernetes/crd-imageupdaters.yaml").toFile()).create();
        }
    }

    /** One cycle of a freshly built updater (nothing carried over in memory), at the clock's time. */
    private CycleResult cycle(MutableClock clock) {
        return parts.cycle(registries, clock, ApplicationCredentialSources.defaults())
                .run(optionsWithAnnotations(ns, true));
    }

    private String repo(String name, String... tags) {
        registry.pushAll("acme/" + name, tags);
        return registry.host() + "/acme/" + name;
    }

    @Test
    void anUpdateWaitsOutsideTheWindowAndIsWrittenInsideItOnTheDstChangeDay() {
        String web = repo("win", "1.0.0", "1.1.0");
        // 2026-03-29 is the spring-forward day in Berlin: 02:30 local does not exist; the window opens at 03:00 CEST.
        apps.create(kustomize(
                ns,
                "win",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=" + web,
                        Annotations.forImage("web", "update-windows"),
                        "30 2 * * *|1h|Europe/Berlin"),
                web + ":1.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-29T00:30:00Z"));

        CycleResult outside = cycle(clock);

        ImageOutcome pending = CycleApps.outcome(outside, ns + "/win");
        assertEquals(ImageOutcome.Kind.PENDING, pending.kind(), pending.message());
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), pending.hold().nextWindow());
        assertNull(apps.kustomizeImages(ns, "win"));
        assertEquals(1, events(ns, "win", SafetyRecorder.PENDING).size(), "pending is announced on the Application");

        clock.advance(Duration.ofMinutes(45));
        CycleResult inside = cycle(clock);

        assertEquals(
                ImageOutcome.Kind.UPDATE, CycleApps.outcome(inside, ns + "/win").kind());
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "win"));
    }

    @Test
    void windowsOfAnImageUpdaterInAnotherTimeZoneAreReportedAsPendingWithTheNextStart() {
        String web = repo("tokyo", "1.0.0", "1.1.0");
        apps.create(kustomize(ns, "tokyo", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater(
                "tokyo",
                Map.of(
                        "updateWindows",
                        List.of(Map.of("schedule", "0 9 * * 1-5", "duration", "2h", "timeZone", "Asia/Tokyo"))),
                web);
        // Saturday 2026-11-28 12:00 UTC: the next weekday 09:00 in Tokyo is Monday 00:00 UTC.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

        cycle(clock);

        ImageUpdaterStatus status = status("tokyo");
        assertEquals(1, status.pendingUpdates().size(), status.toString());
        var pending = status.pendingUpdates().get(0);
        assertEquals("tokyo", pending.application());
        assertEquals("web", pending.alias());
        assertEquals("1.0.0", pending.from());
        assertEquals("1.1.0", pending.to());
        assertEquals("updateWindow", pending.waitingFor());
        assertEquals("2026-11-30T00:00:00Z", pending.nextWindow());
        assertEquals("2026-11-28T12:00:00Z", pending.decidedAt());
        assertNull(apps.kustomizeImages(ns, "tokyo"));

        clock.advance(Duration.ofHours(36).plusMinutes(30));
        cycle(clock);

        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "tokyo"));
        assertEquals(List.of(), status("tokyo").pendingUpdates());
    }

    @Test
    void anApprovalIsPendingThenAnnotatedThenWrittenAndItsAnnotationEntryRemoved() {
        String web = repo("approve", "1.0.0", "1.2.0");
        apps.create(kustomize(ns, "shop", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater("shop", Map.of("requireApproval", true), web);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

        cycle(clock);

        assertNull(apps.kustomizeImages(ns, "shop"));
        var pending = status("shop").pendingUpdates();
        assertEquals(1, pending.size());
        assertEquals("approval", pending.get(0).waitingFor());
        assertEquals("2026-11-28T10:00:00Z", pending.get(0).decidedAt());
        assertEquals(1, events(ns, "shop", SafetyRecorder.PENDING).size());

        clock.advance(Duration.ofMinutes(2));
        cycle(clock);
        assertEquals(
                "2026-11-28T10:00:00Z", status("shop").pendingUpdates().get(0).decidedAt(), "kept, not renewed");
        assertEquals(1, events(ns, "shop", SafetyRecorder.PENDING).size(), "announced once");

        annotate("shop", Annotations.APPROVE, "web=1.2.0,other=3.0.0");
        clock.advance(Duration.ofMinutes(2));
        cycle(clock);

        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "shop"));
        assertEquals("other=3.0.0", annotations("shop").get(Annotations.APPROVE), "only the used entry is removed");
        assertEquals(List.of(), status("shop").pendingUpdates());
    }

    @Test
    void aNewerDecisionSupersedesAPendingApprovalAndNeedsItsOwn() {
        String web = repo("supersede", "1.0.0", "1.1.0");
        apps.create(kustomize(
                ns,
                "super",
                Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.forImage("web", "require-approval"), "true"),
                web + ":1.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);
        assertNull(apps.kustomizeImages(ns, "super"));

        annotate("super", Annotations.APPROVE, "web=1.1.0");
        registry.push("acme/supersede", "1.3.0");
        CycleResult result = cycle(clock);

        ImageOutcome outcome = CycleApps.outcome(result, ns + "/super");
        assertEquals(ImageOutcome.Kind.PENDING, outcome.kind());
        assertEquals("1.3.0", outcome.change().to().tag());
        assertNull(apps.kustomizeImages(ns, "super"), "the approved 1.1.0 is no longer the decision");

        annotate("super", Annotations.APPROVE, "web=1.3.0");
        cycle(clock);
        assertEquals(List.of(web + ":1.3.0"), apps.kustomizeImages(ns, "super"));
        assertNull(annotations("super").get(Annotations.APPROVE), "the annotation is removed after the write");
    }

    @Test
    void aDegradedUpdateIsRolledBackBlockedAnnouncedAndCountedAndANewerVersionIsTakenLater() {
        String web = repo("degrade", "1.0.0", "1.1.0");
        apps.create(kustomize(
                ns,
                "deg",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=" + web,
                        Annotations.forImage("web", "rollback-on-degraded"),
                        "10m"),
                web + ":1.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "deg"));

        sync("deg", web + ":1.1.0", "Degraded");
        clock.advance(Duration.ofMinutes(3));
        CycleResult rolled = cycle(clock);

        assertEquals(
                ImageOutcome.Kind.ROLLED_BACK,
                CycleApps.outcome(rolled, ns + "/deg").kind());
        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "deg"));
        assertEquals("web=1.1.0", annotations("deg").get(Annotations.BLOCKED_VERSIONS));
        List<Event> warnings = events(ns, "deg", SafetyRecorder.ROLLED_BACK);
        assertEquals(1, warnings.size());
        assertEquals("Warning", warnings.get(0).getType());
        assertEquals(1.0, metrics.rollbacks("deg"));

        sync("deg", web + ":1.0.0", "Healthy");
        clock.advance(Duration.ofMinutes(3));
        cycle(clock);
        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "deg"), "the blocked 1.1.0 is never chosen");

        registry.push("acme/degrade", "1.2.0");
        clock.advance(Duration.ofMinutes(3));
        cycle(clock);
        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "deg"), "a newer version is taken");
        assertEquals(1.0, metrics.rollbacks("deg"));
    }

    @Test
    void aDegradedUpdateOfAnImageUpdaterIsBlockedInItsStatusUntilTheEntryIsRemoved() {
        String web = repo("degradecr", "1.0.0", "1.1.0");
        apps.create(kustomize(ns, "degcr", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater("degcr", Map.of("rollback", Map.of("onDegraded", true, "window", "10m")), web);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "degcr"));

        sync("degcr", web + ":1.1.0", "Degraded");
        clock.advance(Duration.ofMinutes(5));
        cycle(clock);

        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "degcr"));
        var blocked = status("degcr").blockedVersions();
        assertEquals(1, blocked.size(), blocked.toString());
        assertEquals("web", blocked.get(0).alias());
        assertEquals(web, blocked.get(0).image());
        assertEquals("1.1.0", blocked.get(0).tag());
        assertNotNull(blocked.get(0).reason());
        assertEquals("2026-11-28T10:05:00Z", blocked.get(0).at());

        sync("degcr", web + ":1.0.0", "Healthy");
        clock.advance(Duration.ofMinutes(20));
        cycle(clock);
        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "degcr"));

        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName("degcr")
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"blockedVersions\":null}}");
        assertEquals(List.of(), status("degcr").blockedVersions());
        cycle(clock);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "degcr"), "removing the entry unblocks it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSyncThatFailsAfterTheUpdateRollsItBack() {
        String web = repo("syncfail", "1.0.0", "1.1.0");
        apps.create(kustomize(
                ns,
                "syncfail",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=" + web,
                        Annotations.forImage("web", "rollback-on-degraded"),
                        "true"),
                web + ":1.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "syncfail"));

        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName("syncfail")
                .edit(app -> {
                    Map<String, Object> status = new HashMap<>(
                            (Map<String, Object>) app.getAdditionalProperties().get("status"));
                    status.put(
                            "operationState",
                            Map.of(
                                    "phase",
                                    "Failed",
                                    "startedAt",
                                    "2026-11-28T10:01:00Z",
                                    "finishedAt",
                                    "2026-11-28T10:01:30Z"));
                    app.getAdditionalProperties().put("status", status);
                    return app;
                });
        clock.advance(Duration.ofMinutes(2));
        CycleResult result = cycle(clock);

        assertEquals(
                ImageOutcome.Kind.ROLLED_BACK,
                CycleApps.outcome(result, ns + "/syncfail").kind());
        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "syncfail"));
        assertEquals("web=1.1.0", annotations("syncfail").get(Annotations.BLOCKED_VERSIONS));
    }

    @Test
    void aDegradedUpdateWrittenToGitIsRolledBackInGit() {
        String web = repo("gitdeg", "1.0.0", "1.1.0");
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"))) {
            apps.create(CycleApps.inRepository(
                    ns,
                    "gitdeg",
                    remote.fileUrl(),
                    "shop",
                    "Kustomize",
                    Map.of(
                            Annotations.IMAGE_LIST,
                            "web=" + web,
                            Annotations.WRITE_BACK_METHOD,
                            "git",
                            Annotations.forImage("web", "rollback-on-degraded"),
                            "10m"),
                    web + ":1.0.0"));
            String file = "shop/.argocd-source-" + ns + "_gitdeg.yaml";
            MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
            cycle(clock);
            assertEquals("kustomize:\n  images:\n  - " + web + ":1.1.0\n", remote.file("main", file));

            sync("gitdeg", web + ":1.1.0", "Degraded");
            clock.advance(Duration.ofMinutes(4));
            cycle(clock);

            assertEquals("kustomize:\n  images:\n  - " + web + ":1.0.0\n", remote.file("main", file));
            assertEquals("web=1.1.0", annotations("gitdeg").get(Annotations.BLOCKED_VERSIONS));
            assertEquals(1, events(ns, "gitdeg", SafetyRecorder.ROLLED_BACK).size());

            sync("gitdeg", web + ":1.0.0", "Healthy");
            clock.advance(Duration.ofMinutes(4));
            cycle(clock);
            assertEquals(3, remote.log("main").size(), "the initial commit, the update, the rollback; nothing more");
        }
    }

    @Test
    void aDegradedApplicationOutsideTheWatchWindowIsNotRolledBack() {
        String web = repo("late", "1.0.0", "1.1.0");
        apps.create(kustomize(
                ns,
                "late",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=" + web,
                        Annotations.forImage("web", "rollback-on-degraded"),
                        "10m"),
                web + ":1.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);

        sync("late", web + ":1.1.0", "Degraded");
        clock.advance(Duration.ofMinutes(11));
        cycle(clock);

        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "late"));
        assertEquals(List.of(), events(ns, "late", SafetyRecorder.ROLLED_BACK));
    }

    @Test
    void aManualRollbackPinsTheImageUntilANewerVersionAndThenUntilResume() {
        String web = repo("pin", "1.0.0", "1.1.0");
        apps.create(kustomize(ns, "pin", Map.of(Annotations.IMAGE_LIST, "web=" + web), web + ":1.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "pin"));

        setKustomizeImage("pin", web + ":1.0.0");
        try (CapturedLog log = CapturedLog.start()) {
            CycleResult first = cycle(clock);
            cycle(clock);
            assertEquals(
                    ImageOutcome.Kind.PINNED,
                    CycleApps.outcome(first, ns + "/pin").kind());
            assertEquals(1, log.containing("pin set").size(), "logged once at INFO: " + log.containing("pin set"));
        }
        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "pin"), "pinned");

        registry.push("acme/pin", "1.2.0");
        cycle(clock);
        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "pin"), "a version newer than 1.1.0 lifts it");

        setKustomizeImage("pin", web + ":1.1.0");
        cycle(clock);
        assertEquals(List.of(web + ":1.1.0"), apps.kustomizeImages(ns, "pin"), "pinned again");

        annotate("pin", Annotations.RESUME, "web");
        cycle(clock);
        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "pin"), "resume lifts the pin");
        assertNull(annotations("pin").get(Annotations.RESUME), "resume is removed once read");
    }

    @Test
    void aPinIsVisibleInTheImageUpdaterStatus() {
        String web = repo("pincr", "1.0.0", "1.1.0");
        apps.create(kustomize(ns, "pincr", Map.of(), Map.of(), web + ":1.0.0"));
        createUpdater("pincr", Map.of(), web);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        cycle(clock);
        setKustomizeImage("pincr", web + ":1.0.0");

        cycle(clock);

        var pins = status("pincr").pinnedImages();
        assertEquals(1, pins.size());
        assertEquals("web", pins.get(0).alias());
        assertEquals("1.1.0", pins.get(0).rolledBackFrom());
        assertEquals(List.of(web + ":1.0.0"), apps.kustomizeImages(ns, "pincr"));
    }

    @Test
    void semverNeverDowngradesUnlessAllowed() {
        String web = repo("down", "1.0.0", "1.2.0", "2.0.0");
        apps.create(kustomize(ns, "down", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1"), web + ":2.0.0"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

        CycleResult result = cycle(clock);

        assertEquals(
                ImageOutcome.Kind.CURRENT,
                CycleApps.outcome(result, ns + "/down").kind());
        assertNull(apps.kustomizeImages(ns, "down"), "2.0.0 runs; ^1 would be a downgrade");

        annotate("down", Annotations.forImage("web", "allow-downgrade"), "true");
        cycle(clock);
        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "down"));
    }

    @Test
    void anInvalidWindowFailsThatImageOnly() {
        String web = repo("badwin", "1.0.0", "1.1.0");
        apps.create(kustomize(
                ns,
                "badwin",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=" + web + ",api=" + web,
                        Annotations.forImage("web", "update-windows"),
                        "0 25 * * *|1h|UTC"),
                web + ":1.0.0"));

        CycleResult result = cycle(new MutableClock(Instant.parse("2026-11-28T10:00:00Z")));

        var images = result.applications().get(0).images();
        ImageOutcome web1 =
                images.stream().filter(i -> i.alias().equals("web")).findFirst().orElseThrow();
        ImageOutcome api =
                images.stream().filter(i -> i.alias().equals("api")).findFirst().orElseThrow();
        assertTrue(web1.isError());
        assertTrue(web1.message().contains("hour"), web1.message());
        assertEquals(ImageOutcome.Kind.UPDATE, api.kind());
    }

    private void createUpdater(String name, Map<String, Object> settings, String image) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("commonUpdateSettings", settings);
        spec.put(
                "applicationRefs",
                List.of(Map.of("namePattern", name, "images", List.of(Map.of("alias", "web", "imageName", image)))));
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion("argocd-image-updater.argoproj.io/v1alpha1")
                .withKind("ImageUpdater")
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .withGeneration(1L)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .resource(resource)
                .create();
    }

    private ImageUpdaterStatus status(String name) {
        GenericKubernetesResource resource = client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .get();
        return ImageUpdaterResource.from(resource).status();
    }

    private Map<String, String> annotations(String name) {
        Map<String, String> annotations = apps.read(ns, name).getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private void annotate(String name, String key, String value) {
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .edit(app -> {
                    Map<String, String> annotations = new HashMap<>(
                            app.getMetadata().getAnnotations() == null
                                    ? Map.of()
                                    : app.getMetadata().getAnnotations());
                    annotations.put(key, value);
                    app.getMetadata().setAnnotations(annotations);
                    return app;
                });
    }

    /** What Argo CD does after a sync: the live images and health. */
    @SuppressWarnings("unchecked")
    private void sync(String name, String live, String health) {
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .edit(app -> {
                    Map<String, Object> status = new HashMap<>(
                            (Map<String, Object>) app.getAdditionalProperties().get("status"));
                    status.put("summary", Map.of("images", List.of(live)));
                    status.put("health", Map.of("status", health));
                    app.getAdditionalProperties().put("status", status);
                    return app;
                });
    }

    /** Someone sets the Application's Kustomize image by hand (kubectl edit, the Argo CD UI). */
    @SuppressWarnings("unchecked")
    private void setKustomizeImage(String name, String image) {
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .edit(app -> {
                    Map<String, Object> spec =
                            (Map<String, Object>) app.getAdditionalProperties().get("spec");
                    Map<String, Object> source = (Map<String, Object>) spec.get("source");
                    source.put("kustomize", Map.of("images", List.of(image)));
                    return app;
                });
    }

    private List<Event> events(String namespace, String app, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> reason.equals(event.getReason()))
                .filter(event -> app.equals(event.getInvolvedObject().getName()))
                .toList();
    }
}
