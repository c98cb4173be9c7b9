package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas in one JVM, each a {@link CycleRunner} with its own {@link Leadership} and {@link LeaderElection},
 * against the mock API server (CRUD mode) and a real registry: exactly one of them writes, and when the leader dies
 * without giving up the Lease, the standby takes over within the lease duration.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LeaderElectionTest {
    private static final String NS = "argocd";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static TestRegistry registry;

    @Inject
    KubernetesClient client;

    @Inject
    UpdateCycle cycle;

    @Inject
    UpdaterConfig config;

    @Inject
    CycleStatus status;

    @Inject
    Scheduler scheduler;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        for (String tag : List.of("1.0.0", "1.1.0", "1.2.0")) {
            registry.push("acme/web", tag);
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void exactlyOneReplicaWritesAndAStandbyTakesOverWithinTheLeaseDuration() throws Exception {
        String web = registry.host() + "/acme/web";
        createApplication("shop", web + ":~1.1", web + ":1.0.0");
        Replica a = new Replica("replica-a");
        Replica b = new Replica("replica-b");
        try {
            a.start();
            await(() -> a.leadership.role() == Leadership.Role.LEADER, LEASE.multipliedBy(2));
            b.start();
            await(() -> a.results.size() == 1, Duration.ofSeconds(20));
            for (int tick = 0; tick < 3; tick++) {
                a.tick();
                b.tick();
            }

            assertEquals(Leadership.Role.STANDBY, b.leadership.role());
            assertEquals(1L, a.results.stream().mapToLong(CycleResult::updated).sum(), "the leader wrote the update");
            assertEquals(4, a.results.size(), "the leader ran its first cycle and every tick");
            assertTrue(b.results.isEmpty(), "the standby ran no cycle: " + b.results);
            assertEquals(List.of(web + ":1.1.0"), images("shop"));
            assertEquals(
                    1, client.v1().events().inNamespace(NS).list().getItems().size(), "one ImagesUpdated event");
            Lease lease = client.leases()
                    .inNamespace(NS)
                    .withName("image-updater-test")
                    .get();
            assertEquals("replica-a", lease.getSpec().getHolderIdentity());

            long died = System.nanoTime();
            a.close(); // releaseOnStop=false: the Lease stays held by a dead leader until it expires
            await(() -> b.leadership.role() == Leadership.Role.LEADER, LEASE.plusSeconds(5));
            Duration takeover = Duration.ofNanos(System.nanoTime() - died);
            assertTrue(takeover.compareTo(LEASE.plus(Duration.ofSeconds(2))) <= 0, "took over after " + takeover);

            createApplication("billing", web + ":~1.2", web + ":1.0.0");
            await(() -> !b.results.isEmpty(), Duration.ofSeconds(20));
            b.tick();
            assertEquals(List.of(web + ":1.2.0"), images("billing"));
            assertEquals(
                    1L, b.results.stream().mapToLong(CycleResult::updated).sum(), "the new leader wrote the update");
            assertEquals(List.of(web + ":1.1.0"), images("shop"), "unchanged");
        } finally {
            a.close();
            b.close();
        }
    }

    private final class Replica implements AutoCloseable {
        final Leadership leadership = new Leadership();
        final List<CycleResult> results = new CopyOnWriteArrayList<>();
        final CycleRunner runner = new CycleRunner(cycle, config, status, scheduler, leadership);
        final LeaderElection election;

        Replica(String identity) {
            LeaseSettings settings = new LeaseSettings(
                    NS, "image-updater-test", identity, LEASE, Duration.ofSeconds(2), Duration.ofMillis(500), false);
            election = new LeaderElection(client, settings, leadership, this::tick);
        }

        void start() {
            election.start();
        }

        void tick() {
            Optional<CycleResult> result =
                    runner.runOnce(new CycleOptions(new ApplicationFilter(Set.of(NS), List.of(), null), false, 2));
            result.ifPresent(results::add);
        }

        @Override
        public void close() {
            election.close();
        }
    }

    private void createApplication(String name, String imageList, String live) {
        Map<String, Object> spec = Map.of(
                "project",
                "default",
                "source",
                Map.of("repoURL", "https://git.example.com/shop.git", "path", "prod", "targetRevision", "HEAD"));
        Map<String, Object> appStatus = Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .resource(Applications.application(
                        NS,
                        name,
                        Map.of(),
                        Map.of(Annotations.IMAGE_LIST, imageList.replaceFirst("^", "web=")),
                        spec,
                        appStatus))
                .create();
    }

    private Object images(String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .withName(name)
                .get()
                .get("spec", "source", "kustomize", "images");
    }
}
