package io.imageupdater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.webhook.WebhookType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optional webhook component, rendered with {@code kubectl kustomize} over the base as an overlay uses it: the
 * webhook port on the container and the Service, the ConfigMap keys and every type's Secret key reaching the
 * container under the variable the code reads, and a NetworkPolicy for the port.
 */
class WebhookComponentTest {
    private static List<JsonNode> rendered;

    @BeforeAll
    static void render() throws Exception {
        rendered = KubernetesManifestsTest.kubectlKustomize(Path.of("src/test/resources/kubernetes/with-webhook"))
                .orElseThrow(() -> new AssertionError("kubectl is needed to render the webhook component"));
    }

    @Test
    void theContainerAndTheServiceGetTheWebhookPort() {
        JsonNode container = container();
        assertTrue(
                find(container.path("ports"), "name", "webhook")
                                .path("containerPort")
                                .asInt()
                        == 8082,
                container.path("ports").toString());
        JsonNode port = find(one("Service").path("spec").path("ports"), "name", "webhook");
        assertEquals(8082, port.path("port").asInt());
        assertEquals("webhook", port.path("targetPort").asText());
        assertEquals(
                "http",
                find(one("Service").path("spec").path("ports"), "name", "http")
                        .path("targetPort")
                        .asText(),
                "the metrics port stays");
    }

    @Test
    void theConfigMapTurnsTheServerOnAtThePortTheContainerExposes() {
        JsonNode data = one("ConfigMap").path("data");
        assertEquals("true", data.path("webhook.enable").asText());
        assertEquals("8082", data.path("webhook.port").asText());
        assertEquals("2m", data.path("interval").asText(), "the base keys stay");
        assertEquals(
                "webhook.enable",
                env("ENABLE_WEBHOOK").path("configMapKeyRef").path("key").asText());
        assertEquals(
                "webhook.port",
                env("WEBHOOK_PORT").path("configMapKeyRef").path("key").asText());
    }

    @Test
    void everyTypesSecretKeyReachesTheVariableTheCodeReads() {
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> found = new TreeMap<>();
        for (WebhookType type : WebhookType.values()) {
            expected.put(type.secretVariable(), type.secretKey());
            JsonNode ref = env(type.secretVariable()).path("secretKeyRef");
            assertEquals("argocd-image-updater-secret", ref.path("name").asText());
            assertTrue(ref.path("optional").asBoolean(), "a missing key must not stop the pod");
            found.put(type.secretVariable(), ref.path("key").asText());
        }
        assertEquals(expected, found);
        assertEquals("argocd", one("Secret").path("metadata").path("namespace").asText());
        assertTrue(one("Secret").path("data").isMissingNode(), "applying never overwrites secrets");
    }

    @Test
    void aNetworkPolicyLetsWebhooksInOnTheirPort() {
        JsonNode policy = one("NetworkPolicy");
        assertEquals(
                "argocd-image-updater",
                policy.path("spec")
                        .path("podSelector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/name")
                        .asText());
        boolean webhook = false;
        boolean metrics = false;
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            for (JsonNode port : rule.path("ports")) {
                webhook |= port.path("port").asInt() == 8082;
                metrics |= port.path("port").asInt() == 8080;
            }
        }
        assertTrue(webhook && metrics, policy.toString());
    }

    private static JsonNode env(String name) {
        JsonNode found = find(container().path("env"), "name", name);
        assertTrue(!found.isMissingNode(), "no env " + name);
        return found.path("valueFrom");
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode container() {
        return one("Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
    }

    private static JsonNode one(String kind) {
        List<JsonNode> found = rendered.stream()
                .filter(doc -> kind.equals(doc.path("kind").asText()))
                .toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }
}
