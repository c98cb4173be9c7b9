package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.kustomize;
import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One Application cannot stop a cycle, and no cycle runs past its deadline. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CycleSafetyTest {
    private static final Namespaces NAMESPACES = new Namespaces("safety");
    private static TestRegistry registry;
    private static String web;

    @Inject
    UpdateCycle cycle;

    @Inject
    CycleParts parts;

    @Inject
    Registries registries;

    @Inject
    CycleApps apps;

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        web = registry.host() + "/acme/web";
        registry.pushAll("acme/web", "1.0.0", "1.1.0", "1.2.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    /** A pipeline whose planning throws for the Application named {@code hostile}, as a hostile input could make it. */
    private static final class HostilePlanning extends ApplicationUpdater {
        HostilePlanning() {
            super(ApplicationCredentialSources.defaults());
        }

        @Override
        ApplicationPlan plan(ArgoApplication app, TagCatalog catalog) {
            if (app.name().equals("hostile")) {
                throw new IllegalStateException("planning blew up on hostile annotations");
            }
            return super.plan(app, catalog);
        }
    }

    @Test
    void anApplicationWhosePlanningThrowsFailsAloneAndTheCycleReachesItsSummary() {
        String ns = NAMESPACES.next();
        apps.create(kustomize(ns, "hostile", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));
        apps.create(kustomize(ns, "fine", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));

        CycleResult result = parts.cycle(registries, Clock.systemUTC(), new HostilePlanning())
                .run(options(ns, false));

        assertEquals(List.of(web + ":1.2.0"), apps.kustomizeImages(ns, "fine"));
        assertNull(apps.kustomizeImages(ns, "hostile"));
        assertEquals(2, result.applications().size());
        assertEquals(1, result.updated());
        ApplicationResult hostile = result.applications().stream()
                .filter(app -> app.application().equals(ns + "/hostile"))
                .findFirst()
                .orElseThrow();
        assertEquals(FailureReason.UNEXPECTED, hostile.errors().get(0).reason());
        assertTrue(
                hostile.errors().get(0).message().contains("planning blew up"),
                hostile.errors().toString());
        assertTrue(result.summary().contains("errors=1"), result.summary());
    }

    @Test
    void aCycleThatRunsPastItsTimeoutIsAbandonedAndReported() {
        try (FakeRegistry slow = FakeRegistry.start()
                .withDelay(Duration.ofSeconds(5))
                .withTags("acme/slow", List.of("1.0.0", "1.1.0"))) {
            String image = slow.host() + "/acme/slow";
            String ns = NAMESPACES.next();
            apps.create(kustomize(ns, "slow", Map.of(Annotations.IMAGE_LIST, "s=" + image), image + ":1.0.0"));
            apps.create(kustomize(ns, "fast", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0"));
            long start = System.nanoTime();

            CycleResult result = cycle.run(options(ns, false).withCycleTimeout(Duration.ofSeconds(1)));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "abandoned at its deadline, not after " + took);
            assertTrue(
                    result.errors().stream().anyMatch(error -> error.contains("cycle-timeout (1s)")),
                    result.errors().toString());
            assertEquals(FailureReason.ABANDONED, CycleApps.failure(result, ns + "/slow"));
            assertEquals(
                    FailureReason.ABANDONED,
                    CycleApps.outcome(result, ns + "/fast").reason(),
                    "decided, but no write starts after the deadline");
            assertNull(apps.kustomizeImages(ns, "fast"));
            assertNull(apps.kustomizeImages(ns, "slow"));
        }
    }

    @Test
    void anApplicationThatNowNamesANewerVersionIsNotWrittenBack() throws Exception {
        try (FakeRegistry slow = FakeRegistry.start()
                .withDelay(Duration.ofSeconds(2))
                .withTags("acme/api", List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0"))) {
            String image = slow.host() + "/acme/api";
            String ns = NAMESPACES.next();
            apps.create(
                    kustomize(ns, "raced", Map.of(Annotations.IMAGE_LIST, "api=" + image + ":^1.0"), image + ":1.0.0"));

            // While the cycle waits for the tags, someone else writes a newer version.
            CycleResult result = runChangedWhileWaiting(slow, ns, "raced", app -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = (Map<String, Object>)
                        ((Map<String, Object>) app.getAdditionalProperties().get("spec")).get("source");
                source.put("kustomize", new java.util.HashMap<>(Map.of("images", List.of(image + ":2.0.0"))));
                return app;
            });

            assertEquals(List.of(image + ":2.0.0"), apps.kustomizeImages(ns, "raced"), "never an older version");
            assertEquals(0, result.updated());
            assertFalse(result.hasErrors(), result.applications().toString());
            assertEquals(
                    ImageOutcome.Kind.CURRENT,
                    CycleApps.outcome(result, ns + "/raced").kind());
        }
    }

    @Test
    void anApplicationWhoseConstraintChangedWhileBeingWrittenIsDecidedAgainByItsNewConstraint() throws Exception {
        try (FakeRegistry slow = FakeRegistry.start()
                .withDelay(Duration.ofSeconds(2))
                .withTags("acme/api", List.of("1.0.0", "1.0.1", "1.2.0", "2.0.0"))) {
            String image = slow.host() + "/acme/api";
            String ns = NAMESPACES.next();
            apps.create(kustomize(
                    ns, "narrowed", Map.of(Annotations.IMAGE_LIST, "api=" + image + ":^1.0"), image + ":1.0.0"));

            // While the cycle waits for the tags, the owner narrows the constraint.
            CycleResult result = runChangedWhileWaiting(slow, ns, "narrowed", app -> {
                app.getMetadata().getAnnotations().put(Annotations.IMAGE_LIST, "api=" + image + ":~1.0");
                return app;
            });

            assertEquals(List.of(image + ":1.0.1"), apps.kustomizeImages(ns, "narrowed"), "the new constraint decides");
            assertFalse(result.hasErrors(), result.applications().toString());
        }
    }

    @Test
    void anApplicationWhoseSpecAlreadyNamesANewerVersionIsNotWrittenBackAnOlderOne() {
        String ns = NAMESPACES.next();
        // Argo CD has not synced yet: the spec names 2.0.0, the live image is still 1.0.0; the constraint allows 1.x.
        var app = kustomize(ns, "ahead", Map.of(Annotations.IMAGE_LIST, "web=" + web + ":^1.0"), web + ":1.0.0");
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>)
                ((Map<String, Object>) app.getAdditionalProperties().get("spec")).get("source");
        source.put("kustomize", Map.of("images", List.of(web + ":2.0.0")));
        apps.create(app);
        String version = apps.resourceVersion(ns, "ahead");

        CycleResult result = cycle.run(options(ns, false));

        assertEquals(List.of(web + ":2.0.0"), apps.kustomizeImages(ns, "ahead"));
        assertEquals(version, apps.resourceVersion(ns, "ahead"), "not written");
        ImageOutcome outcome = CycleApps.outcome(result, ns + "/ahead");
        assertEquals(ImageOutcome.Kind.CURRENT, outcome.kind(), outcome.toString());
        assertTrue(outcome.message().contains("2.0.0"), outcome.message());
    }

    /**
     * Runs a cycle of {@code ns}; once it waits for the slow registry's tags, changes the Application {@code name}
     * with {@code change}, and has the API server then refuse our patch's test (422, as a real one answers).
     */
    private CycleResult runChangedWhileWaiting(
            FakeRegistry slow, String ns, String name, UnaryOperator<GenericKubernetesResource> change)
            throws Exception {
        CompletableFuture<CycleResult> running = CompletableFuture.supplyAsync(() -> cycle.run(options(ns, false)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (slow.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .edit(change);
        server.expect()
                .patch()
                .withPath("/apis/argoproj.io/v1alpha1/namespaces/" + ns + "/applications/" + name)
                .andReturn(422, "{\"kind\":\"Status\",\"code\":422,\"reason\":\"Invalid\"}")
                .once();
        return running.get(30, TimeUnit.SECONDS);
    }
}
