package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.FakeRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A leader whose Lease is taken over (another holder written into it) while its cycle waits on a slow registry:
 * the cycle is abandoned and nothing is written after the takeover.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class FencingTest {
    private static final String NS = "fencing";
    private static final String LEASE = "image-updater-fencing";

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

    @Test
    void aLeaderThatLosesItsLeaseDuringASlowCycleWritesNothingAfterwards() throws Exception {
        try (FakeRegistry slow =
                FakeRegistry.start().withDelay(Duration.ofSeconds(4)).withTags("acme/web", List.of("1.0.0", "1.1.0"))) {
            String image = slow.host() + "/acme/web";
            client.genericKubernetesResources(ArgoApplication.CONTEXT)
                    .inNamespace(NS)
                    .resource(CycleApps.kustomize(
                            NS, "shop", Map.of(Annotations.IMAGE_LIST, "web=" + image), image + ":1.0.0"))
                    .create();
            Leadership leadership = new Leadership();
            CycleRunner runner = new CycleRunner(cycle, config, status, scheduler, leadership);
            CycleOptions options = new CycleOptions(new ApplicationFilter(Set.of(NS), List.of(), null), false, 2);
            CompletableFuture<CycleResult> result = new CompletableFuture<>();
            LeaseSettings settings = new LeaseSettings(
                    NS, LEASE, "replica-a", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300), true);
            try (LeaderElection election = new LeaderElection(
                    client,
                    settings,
                    leadership,
                    () -> result.complete(runner.runOnce(options).orElseThrow()))) {
                election.start();
                await(() -> !slow.requests().isEmpty(), Duration.ofSeconds(15)); // the cycle waits on the registry

                takeOver("replica-b");

                CycleResult abandoned = result.get(30, TimeUnit.SECONDS);
                assertEquals(Leadership.Role.STANDBY, leadership.role());
                assertTrue(
                        abandoned.errors().stream().anyMatch(error -> error.contains("lost the leader Lease")),
                        abandoned.errors().toString());
                assertEquals(0, abandoned.updated());
                assertEquals(FailureReason.ABANDONED, CycleApps.failure(abandoned, NS + "/shop"));
                Thread.sleep(4000); // past the registry's answer: a late write would have happened by now
                assertNull(client.genericKubernetesResources(ArgoApplication.CONTEXT)
                        .inNamespace(NS)
                        .withName("shop")
                        .get()
                        .get("spec", "source", "kustomize", "images"));
                assertTrue(
                        client.v1().events().inNamespace(NS).list().getItems().isEmpty());
                assertEquals(
                        "replica-b",
                        client.leases()
                                .inNamespace(NS)
                                .withName(LEASE)
                                .get()
                                .getSpec()
                                .getHolderIdentity());
            }
        }
    }

    /** Writes another holder into the Lease, as a replica that won it would; retried while the leader renews. */
    private void takeOver(String holder) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.leases().inNamespace(NS).withName(LEASE).edit(lease -> {
                    lease.getSpec().setHolderIdentity(holder);
                    lease.getSpec().setLeaseDurationSeconds(60);
                    lease.getSpec().setAcquireTime(ZonedDateTime.now());
                    lease.getSpec().setRenewTime(ZonedDateTime.now());
                    return lease;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 20) {
                    throw e;
                }
            }
        }
    }
}
