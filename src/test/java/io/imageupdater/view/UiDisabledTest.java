package io.imageupdater.view;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ui-enabled=false} turns the page and the API off; health and metrics stay. */
@QuarkusTest
@TestProfile(UiDisabledTest.Disabled.class)
@WithKubernetesTestServer(crud = true)
class UiDisabledTest {
    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("image-updater.ui-enabled", "false");
        }
    }

    @Test
    void pageAndApiAreGone() {
        for (String path : List.of("/", "/api/v1/images", "/api/v1/cycles/last")) {
            given().get(path).then().statusCode(404);
        }
        given().get("/q/health/live").then().statusCode(200);
    }
}
