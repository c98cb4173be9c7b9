package io.imageupdater.view;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleOptions;
import io.imageupdater.updater.CycleRunner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With {@code ui-auth-token} set, the page and the API answer 401 without {@code Authorization: Bearer <token>}. */
@QuarkusTest
@TestProfile(UiAuthTokenTest.WithToken.class)
@WithKubernetesTestServer(crud = true)
class UiAuthTokenTest {
    static final String TOKEN = "ui-token-7f3a9c";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "image-updater.ui-auth-token",
                    TOKEN,
                    "image-updater.argocd-url",
                    "https://argocd.example.com/?sso=" + TOKEN);
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FakeWebhookStatus.class);
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    CycleRunner runner;

    @Test
    void everyViewPathNeedsTheBearerToken() {
        for (String path : List.of("/", "/api/v1/images", "/api/v1/cycles/last")) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"image-updater\"");
            given().header("Authorization", "Bearer wrong").get(path).then().statusCode(401);
            given().header("Authorization", "Basic " + TOKEN).get(path).then().statusCode(401);
            given().header("Authorization", TOKEN).get(path).then().statusCode(401);
            String denied = given().get(path).then().extract().asString();
            assertFalse(denied.contains(TOKEN), "the token shows in a 401 of " + path);
        }
        given().header("Authorization", "Bearer " + TOKEN).get("/").then().statusCode(200);
        given().header("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/images")
                .then()
                .statusCode(200);
        // health and metrics stay as they are
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void applicationsLinkToTheArgoCdUiWithoutTheConfiguredQuery() {
        try (TestRegistry registry = TestRegistry.start()) {
            registry.pushAll("acme/web", "1.0.0");
            ViewScene.create(
                    client,
                    "links",
                    "web",
                    Map.of(Annotations.IMAGE_LIST, "web=" + registry.host() + "/acme/web"),
                    registry.host() + "/acme/web:1.0.0");
            runner.runOnce(new CycleOptions(new ApplicationFilter(Set.of("links"), List.of(), null), false, 1))
                    .orElseThrow();
        }
        given().header("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/images")
                .then()
                .statusCode(200)
                .body("images[0].argocdUrl", equalTo("https://argocd.example.com/applications/links/web"));
        String page = given().header("Authorization", "Bearer " + TOKEN)
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(page.contains("sso="), "the configured URL's query shows");
        assertTrue(
                page.contains(
                        "<dd id=\"webhook\">3 events, last 2026-01-01T00:00:00Z from https://hooks.example.com/x accepted</dd>"),
                "the webhook status shows, without its URL's query");
        assertFalse(page.contains("hook-secret-1"));
        assertFalse(page.contains(TOKEN), "the token shows on the page");
        assertTrue(page.contains("href=\"https://argocd.example.com/applications/links/web\""), page);
    }
}
