package io.imageupdater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional workload-identity components render on top of the base (kubectl kustomize, as a user's overlay). */
class CloudComponentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aws,   eks.amazonaws.com/role-arn,          ''",
        "gcp,   iam.gke.io/gcp-service-account,      ''",
        "azure, azure.workload.identity/client-id,   azure.workload.identity/use",
    })
    void eachComponentAnnotatesTheServiceAccount(String cloud, String annotation, String podLabel) throws Exception {
        List<JsonNode> rendered = KubernetesManifestsTest.kubectlKustomize(
                        Path.of("src/test/resources/kubernetes/with-" + cloud))
                .orElseThrow(() -> new AssertionError("kubectl is needed to render the components"));
        JsonNode account = find(rendered, "ServiceAccount");
        assertTrue(
                account.path("metadata").path("annotations").path(annotation).isTextual(),
                cloud + ": " + account.path("metadata"));
        JsonNode labels = find(rendered, "Deployment")
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels");
        if (!podLabel.isEmpty()) {
            assertEquals("true", labels.path(podLabel).asText(), labels.toString());
        } else {
            assertTrue(labels.path("azure.workload.identity/use").isMissingNode(), labels.toString());
        }
        assertEquals(
                "argocd-image-updater",
                find(rendered, "Deployment")
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("serviceAccountName")
                        .asText());
    }

    private static JsonNode find(List<JsonNode> rendered, String kind) {
        return rendered.stream()
                .filter(node -> kind.equals(node.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }
}
