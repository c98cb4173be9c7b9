package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ApplicationWatch;
import io.imageupdater.argocd.crd.ImageUpdaterLister;
import io.imageupdater.argocd.crd.ImageUpdaterWatch;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.SilentServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** {@code /q/health/ready} stays down while {@code run}'s informers have not completed their first list. */
class ReadinessWaitsForInformersTest {

    @Test
    void notReadyUntilTheInformersHaveSynced() {
        try (SilentServer apiServer = SilentServer.start();
                KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(new ConfigBuilder()
                                .withMasterUrl(apiServer.httpUrl().replace("/repo.git", ""))
                                .withRequestTimeout(300)
                                .withConnectionTimeout(300)
                                .withRequestRetryBackoffLimit(0)
                                .build())
                        .build();
                ApplicationWatch applications = new ApplicationWatch(client);
                ImageUpdaterWatch resources = new ImageUpdaterWatch(client)) {
            InventoryReader inventory = new InventoryReader(
                    new ApplicationLister(client),
                    new ImageUpdaterLister(client),
                    applications,
                    resources,
                    new UpdaterMetrics(new SimpleMeterRegistry()));
            CycleStatus status = new CycleStatus(Clock.systemUTC());
            status.apiReachable();
            status.cycleFinished(new CycleResult(List.of(), List.of(), java.time.Duration.ZERO, List.of()));
            UpdaterReadiness readiness = new UpdaterReadiness(status, new Leadership(), inventory);
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus(), "nothing watched yet");

            inventory.watch(new ApplicationFilter(Set.of("argocd"), List.of(), null));

            HealthCheckResponse response = readiness.call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals(false, response.getData().orElseThrow().get("informersSynced"));
            assertFalse(inventory.synced());
        }
    }
}
