package io.imageupdater.updater;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Health endpoints and the Prometheus output, checked on the rendered text rather than on the code. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ObservabilityTest {
    private static final List<String> UPSTREAM_NAMES = List.of(
            "argocd_image_updater_applications_watched_total",
            "argocd_image_updater_images_watched_total",
            "argocd_image_updater_images_updated_total",
            "argocd_image_updater_images_errors_total",
            "argocd_image_updater_registry_requests_total",
            "argocd_image_updater_registry_requests_failed_total",
            "argocd_image_updater_k8s_api_requests_total",
            "argocd_image_updater_k8s_api_errors_total");

    @Inject
    CycleRunner runner;

    @Inject
    CycleStatus status;

    @Inject
    KubernetesClient client;

    @Test
    void readinessWaitsForTheApiAndTheFirstCycleAndMetricsUseUpstreamNames() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body(containsString(UpdaterLiveness.NAME))
                .body(containsString("limitSeconds"));
        given().get("/q/health/ready").then().statusCode(503);

        try (TestRegistry registry = TestRegistry.start()) {
            registry.push("acme/web", "1.0.0");
            registry.push("acme/web", "1.1.0");
            create("ok", "web=" + registry.host() + "/acme/web", registry.host() + "/acme/web:1.0.0");
            create("bad", "web=" + registry.host() + "/acme/web:>>1", registry.host() + "/acme/web:1.0.0");
            create("down", "web=127.0.0.1:9/acme/web", "127.0.0.1:9/acme/web:1.0.0");
            status.apiReachable();

            CycleResult result = runner.runOnce(
                            new CycleOptions(new ApplicationFilter(Set.of("obs"), List.of(), null), false, 2))
                    .orElseThrow();

            assertTrue(result.hasErrors());
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : UPSTREAM_NAMES) {
            assertTrue(
                    metrics.lines().anyMatch(line -> line.startsWith(name + " ") || line.startsWith(name + "{")),
                    name + " missing from /q/metrics");
        }
        given().get("/q/metrics")
                .then()
                // annotation-driven series carry the ImageUpdater labels empty, which Prometheus treats as absent
                .body(
                        containsString(
                                "argocd_image_updater_applications_watched_total{image_updater_cr_name=\"\",image_updater_cr_namespace=\"\"} 3.0"))
                .body(
                        containsString(
                                "argocd_image_updater_images_updated_total{application=\"ok\",image_updater_cr_name=\"\",image_updater_cr_namespace=\"\"} 1.0"))
                .body(containsString("argocd_image_updater_registry_requests_failed_total{registry=\"127.0.0.1:9\"}"))
                .body(containsString("argocd_image_updater_update_cycle_duration_seconds_bucket"));
    }

    private void create(String name, String imageList, String live) {
        Map<String, Object> spec = Map.of("source", Map.of("repoURL", "https://git.example.com/a.git", "path", "."));
        Map<String, Object> appStatus = Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace("obs")
                .resource(Applications.application(
                        "obs", name, Map.of(), Map.of(Annotations.IMAGE_LIST, imageList), spec, appStatus))
                .create();
    }
}
