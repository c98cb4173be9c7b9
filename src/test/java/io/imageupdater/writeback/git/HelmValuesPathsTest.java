package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code helmvalues:<path>} against a real Git server (smart HTTP): a path starting with {@code /} is from the
 * repository root, any other from the Application's source path; a missing values file is created with just the
 * written keys, and the commit message says so.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class HelmValuesPathsTest {
    private static final Namespaces NAMESPACES = new Namespaces("helmvalues");
    private static final String CHART_VALUES = "# chart defaults\nimage:\n  name: ghcr.io/acme/api\n  tag: 0.1.0\n";
    private static final String PROD_VALUES = "replicas: 3\nimage:\n  tag: 0.1.0 # prod\n";
    private static final Map<String, String> FILES = Map.of(
            "charts/billing/values.yaml", CHART_VALUES,
            "charts/billing/values-prod.yaml", PROD_VALUES,
            "envs/prod/values.yaml", PROD_VALUES);

    @Inject
    GitWriter writer;

    @Test
    void aRelativePathIsFromTheSourcePath() {
        try (GitRemote remote = GitRemote.create(FILES);
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "t0ken")) {
            WriteResult result = write(server, remote, "helmvalues:values-prod.yaml");

            assertNull(result.error(), result.error());
            assertEquals(
                    "replicas: 3\nimage:\n  tag: 0.2.0 # prod\n  name: ghcr.io/acme/api\n",
                    remote.file("main", "charts/billing/values-prod.yaml"));
            assertEquals(PROD_VALUES, remote.file("main", "envs/prod/values.yaml"));
            assertEquals(CHART_VALUES, remote.file("main", "charts/billing/values.yaml"));
        }
    }

    @Test
    void anAbsolutePathIsFromTheRepositoryRoot() {
        try (GitRemote remote = GitRemote.create(FILES);
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "t0ken")) {
            WriteResult result = write(server, remote, "helmvalues:/envs/prod/values.yaml");

            assertNull(result.error(), result.error());
            assertEquals(
                    "replicas: 3\nimage:\n  tag: 0.2.0 # prod\n  name: ghcr.io/acme/api\n",
                    remote.file("main", "envs/prod/values.yaml"));
            assertEquals(PROD_VALUES, remote.file("main", "charts/billing/values-prod.yaml"));
            assertFalse(
                    remote.log("main").get(0).getFullMessage().contains("creates"),
                    remote.log("main").get(0).getFullMessage());
        }
    }

    @Test
    void aMissingValuesFileIsCreatedWithJustTheWrittenKeysAndTheCommitSaysSo() {
        try (GitRemote remote = GitRemote.create(FILES);
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "t0ken")) {
            WriteResult result = write(server, remote, "helmvalues:overrides/image.yaml");

            assertNull(result.error(), result.error());
            assertEquals(1, result.applied().size());
            assertEquals(
                    "image:\n  name: ghcr.io/acme/api\n  tag: 0.2.0\n",
                    remote.file("main", "charts/billing/overrides/image.yaml"));
            String message = remote.log("main").get(0).getFullMessage();
            assertTrue(message.contains("creates charts/billing/overrides/image.yaml"), message);
            assertTrue(message.contains("ghcr.io/acme/api: 0.1.0 -> 0.2.0"), message);
            assertEquals(CHART_VALUES, remote.file("main", "charts/billing/values.yaml"));
        }
    }

    private WriteResult write(SmartHttpGitServer server, GitRemote remote, String target) {
        String ns = NAMESPACES.next();
        secret(ns);
        GitChangeSet set = GitWriterTest.changeSet(
                ns,
                "billing",
                server.url(),
                "charts/billing",
                "Helm",
                Map.of(Annotations.WRITE_BACK_METHOD, "git:secret:git-creds", Annotations.WRITE_BACK_TARGET, target),
                "api=ghcr.io/acme/api",
                "ghcr.io/acme/api:0.1.0",
                "ghcr.io/acme/api:0.2.0");
        return writer.write(set.writeKey(), List.of(set), ns, false).get(0);
    }

    @Inject
    io.fabric8.kubernetes.client.KubernetesClient client;

    private void secret(String ns) {
        client.secrets()
                .inNamespace(ns)
                .resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName("git-creds")
                        .withNamespace(ns)
                        .endMetadata()
                        .withStringData(Map.of("username", "bot", "password", "t0ken"))
                        .build())
                .create();
    }
}
