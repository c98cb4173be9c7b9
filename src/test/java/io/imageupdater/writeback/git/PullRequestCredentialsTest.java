package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.testing.Namespaces;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code git:secret:} fields pull requests and signing read: a {@code token} stands in for the password, GitHub
 * App fields alone make usable credentials, and none of it shows in {@code toString()}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class PullRequestCredentialsTest {
    private static final Namespaces NAMESPACES = new Namespaces("prcreds");

    @Inject
    GitCredentialSource source;

    @Inject
    KubernetesClient client;

    @Test
    void aTokenIsThePasswordAndTheApiUrlIsKept() {
        String ns = NAMESPACES.next();
        GitCluster.secret(
                client, ns, "forge", Map.of("token", "glpat-secret-123", "apiURL", "https://gl.example/api/v4"), null);

        GitCredentials credentials = source.find("secret:forge", "https://gl.example/a/b.git", ns, null, "argocd");

        assertEquals("glpat-secret-123", credentials.password());
        assertEquals("https://gl.example/api/v4", credentials.field("apiURL"));
        assertFalse(credentials.toString().contains("glpat-secret-123"), credentials.toString());
    }

    @Test
    void githubAppFieldsAloneAreCredentials() {
        String ns = NAMESPACES.next();
        GitCluster.secret(
                client,
                ns,
                "app",
                Map.of("githubAppID", "1", "githubAppPrivateKey", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"),
                null);

        GitCredentials credentials = source.find("secret:app", "https://github.com/a/b.git", ns, null, "argocd");

        assertTrue(credentials.hasGithubApp());
        assertNull(credentials.password());
        assertFalse(credentials.toString().contains("PRIVATE KEY"), credentials.toString());
    }
}
