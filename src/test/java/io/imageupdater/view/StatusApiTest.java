package io.imageupdater.view;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleResult;
import io.imageupdater.updater.CycleRunner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON API's contract, field by field (the README documents the same fields), and what never shows. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StatusApiTest {
    static final List<String> IMAGE_FIELDS = List.of(
            "namespace",
            "application",
            "alias",
            "image",
            "strategy",
            "constraint",
            "runningVersion",
            "newestVersion",
            "state",
            "decision",
            "reason",
            "decidedAt",
            "writeBackMethod",
            "writeBackTarget",
            "owner",
            "argocdUrl");
    static final List<String> CYCLE_FIELDS = List.of(
            "startedAt",
            "finishedAt",
            "durationSeconds",
            "dryRun",
            "applications",
            "images",
            "updated",
            "skipped",
            "errors",
            "states",
            "cycleErrors",
            "nextCycleAt");
    static final List<String> STATES = List.of(
            "up-to-date",
            "updated",
            "would-update",
            "no-eligible-tag",
            "not-running",
            "pending-approval",
            "outside-update-window",
            "pinned",
            "rolled-back",
            "blocked",
            "error");

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    CycleRunner runner;

    @Test
    void imagesAndLastCycleAreStableJsonWithoutSecrets() throws Exception {
        CycleResult result;
        String host;
        try (TestRegistry registry = TestRegistry.start()) {
            host = registry.host();
            ViewScene.create(client, registry);
            result = ViewScene.cycle(runner);
        }

        Response imagesResponse = given().get("/api/v1/images");
        imagesResponse.then().statusCode(200).contentType("application/json");
        JsonNode body = json.readTree(imagesResponse.asString());
        assertEquals(List.of("cycleFinishedAt", "images"), names(body));
        Instant finished = Instant.parse(body.get("cycleFinishedAt").asText());
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : body.get("images")) {
            assertEquals(IMAGE_FIELDS, names(row), "fields of " + row);
            rows.put(
                    row.get("namespace").asText() + "/" + row.get("application").asText(), row);
        }
        assertEquals(5, rows.size(), rows.keySet().toString());

        JsonNode web = rows.get("shop/web");
        assertEquals("web", web.get("alias").asText());
        assertEquals(host + "/acme/web", web.get("image").asText());
        assertEquals("semver", web.get("strategy").asText());
        assertEquals("~1", web.get("constraint").asText());
        assertEquals("1.0.0", web.get("runningVersion").asText());
        assertEquals("1.1.0", web.get("newestVersion").asText());
        assertEquals("updated", web.get("state").asText());
        assertTrue(
                web.get("decision").asText().startsWith("updated 1.0.0 → 1.1.0 at "),
                web.get("decision").asText());
        assertEquals(finished, Instant.parse(web.get("decidedAt").asText()));
        assertEquals("argocd", web.get("writeBackMethod").asText());
        assertEquals("Application shop/web", web.get("writeBackTarget").asText());
        assertEquals("annotations", web.get("owner").asText());
        assertTrue(web.get("argocdUrl").isNull(), "no --argocd-url, no link");

        JsonNode api = rows.get("shop/api");
        assertEquals("up-to-date", api.get("state").asText());
        assertEquals("up to date", api.get("decision").asText());
        assertEquals("2.0.0", api.get("runningVersion").asText());
        assertEquals("2.0.0", api.get("newestVersion").asText());
        assertTrue(api.get("constraint").isNull());
        assertEquals("shop/platform", api.get("owner").asText(), "the ImageUpdater that handles it");
        assertEquals("Application shop/api", api.get("writeBackTarget").asText());

        JsonNode worker = rows.get("billing/worker");
        assertEquals("no-eligible-tag", worker.get("state").asText());
        assertTrue(worker.get("newestVersion").isNull());
        assertEquals(
                "no eligible tag: 2 tags of " + host
                        + "/acme/worker, 0 match allow-tags regexp:^v, 0 satisfy strategy semver",
                worker.get("decision").asText());

        JsonNode ledger = rows.get("billing/ledger");
        assertEquals("error", ledger.get("state").asText());
        assertTrue(ledger.get("decision").asText().startsWith("error: "), ledger.toString());
        assertEquals("git", ledger.get("writeBackMethod").asText());
        assertEquals(
                "https://127.0.0.1:9/shop.git branch main",
                ledger.get("writeBackTarget").asText());

        JsonNode down = rows.get("billing/down");
        assertEquals("error", down.get("state").asText());
        assertTrue(down.get("reason").asText().contains("127.0.0.1:9"), down.toString());

        Response cycleResponse = given().get("/api/v1/cycles/last");
        cycleResponse.then().statusCode(200).contentType("application/json");
        JsonNode cycle = json.readTree(cycleResponse.asString());
        assertEquals(CYCLE_FIELDS, names(cycle));
        assertEquals(STATES, names(cycle.get("states")));
        assertEquals(5, cycle.get("applications").asInt());
        assertEquals(5, cycle.get("images").asInt());
        assertEquals(1, cycle.get("updated").asLong());
        assertEquals(result.skipped(), cycle.get("skipped").asLong());
        assertEquals(result.errorCount(), cycle.get("errors").asInt());
        assertEquals(1, cycle.get("states").get("updated").asLong());
        assertEquals(1, cycle.get("states").get("up-to-date").asLong());
        assertEquals(1, cycle.get("states").get("no-eligible-tag").asLong());
        assertEquals(2, cycle.get("states").get("error").asLong());
        assertFalse(cycle.get("dryRun").asBoolean());
        assertEquals(finished, Instant.parse(cycle.get("finishedAt").asText()));
        assertEquals(
                result.started().truncatedTo(ChronoUnit.MILLIS),
                Instant.parse(cycle.get("startedAt").asText()));
        assertEquals(
                result.duration().toMillis() / 1000.0,
                cycle.get("durationSeconds").asDouble());
        assertTrue(cycle.get("cycleErrors").isArray());
        assertTrue(cycle.get("nextCycleAt").isNull(), "no interval job in tests");

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertFalse(page.contains("id=\"webhook\""), "no webhook receiver, no webhook status");
        for (String text : List.of(imagesResponse.asString(), cycleResponse.asString(), page)) {
            for (String secret : List.of(ViewScene.SECRET_IN_URL, ViewScene.QUERY_TOKEN, "access_token", "bot:")) {
                assertFalse(text.contains(secret), secret + " shows");
            }
        }
    }

    @Test
    void pageAndApiSendARestrictiveContentSecurityPolicyAndAreReadOnly() {
        for (String path : List.of("/", "/api/v1/images")) {
            String csp = given().get(path).then().statusCode(200).extract().header("Content-Security-Policy");
            assertNotNull(csp, path);
            assertTrue(csp.contains("default-src 'none'"), csp);
            assertTrue(csp.contains("script-src 'self'"), csp);
            assertTrue(csp.contains("connect-src 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            given().post(path).then().statusCode(405);
        }
        assertNull(given().get("/ui/status.js").then().statusCode(200).extract().header("Set-Cookie"));
        given().get("/ui/status.css").then().statusCode(200);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
