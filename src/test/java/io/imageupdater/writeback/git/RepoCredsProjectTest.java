package io.imageupdater.writeback.git;

import static io.imageupdater.writeback.git.GitCluster.appProject;
import static io.imageupdater.writeback.git.GitCluster.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
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
 * {@code git:repocreds} hands out Argo CD's repository credentials only as Argo CD would: to an Application whose
 * AppProject admits its namespace and permits the repository, and never a Secret scoped to another project. Against
 * a real smart-HTTP Git server whose only password is the one in Argo CD's Secret.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RepoCredsProjectTest {
    private static final Namespaces NAMESPACES = new Namespaces("repocreds");
    private static final String TOKEN = "argocd-repo-token";
    private static final String KUSTOMIZATION = "images:\n  - name: ghcr.io/acme/web\n    newTag: 1.0.0\n";

    @Inject
    GitWriter writer;

    @Inject
    KubernetesClient client;

    @Test
    void aPermittedRepositoryGetsArgocdsCredentials() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            repositorySecret(argocd, "repo", server.url(), null);
            appProject(client, argocd, "default", List.of("http://127.0.0.1:*/**"), List.of());

            WriteResult result = write(argocd, argocd, server.url(), "default");

            assertNull(result.error(), result.error());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void aRepositoryOutsideTheProjectsSourceReposGetsNoCredentialAndIsAnError() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            repositorySecret(argocd, "repo", server.url(), null);
            appProject(client, argocd, "default", List.of("https://git.example.com/*"), List.of());

            WriteResult result = write(argocd, argocd, server.url(), "default");

            assertRefused(result, "AppProject default does not permit repository " + server.url());
            assertEquals(0, server.unauthorizedRequests(), "nothing was sent to the server");
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void aDenyPatternRefusesTheRepositoryEvenWhenStarAllowsAll() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            repositorySecret(argocd, "repo", server.url(), null);
            appProject(
                    client, argocd, "default", List.of("*", "!" + server.url().replace("repo.git", "*")), List.of());

            assertRefused(write(argocd, argocd, server.url(), "default"), "spec.sourceRepos");
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void aMissingAppProjectRefusesArgocdsCredentials() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            repoCreds(argocd, "prefix", server.url().replace("/repo.git", "/"), null);

            assertRefused(write(argocd, argocd, server.url(), "team"), "AppProject team does not exist");
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void anApplicationOfANamespaceTheProjectDoesNotAdmitGetsNoCredential() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            String tenant = NAMESPACES.next();
            repositorySecret(argocd, "repo", server.url(), null);
            // the platform project may use every repository, but only Applications of its own namespace belong to it
            appProject(client, argocd, "platform", List.of("*"), List.of(argocd + "-other"));

            assertRefused(
                    write(tenant, argocd, server.url(), "platform"),
                    "AppProject platform does not admit Applications of namespace " + tenant);
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void anApplicationOfAnAdmittedNamespaceGetsTheCredential() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            String tenant = NAMESPACES.next();
            repoCreds(argocd, "prefix", server.url().replace("/repo.git", ""), null);
            appProject(client, argocd, "team", List.of("*"), List.of("/^" + tenant + "$/"));

            WriteResult result = write(tenant, argocd, server.url(), "team");

            assertNull(result.error(), result.error());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void aRepositorySecretScopedToAnotherProjectIsNeverUsed() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            repositorySecret(argocd, "team-b-only", server.url(), "team-b");
            repoCreds(argocd, "team-b-prefix", server.url().replace("/repo.git", "/"), "team-b");
            appProject(client, argocd, "team-a", List.of("*"), List.of());
            appProject(client, argocd, "team-b", List.of("*"), List.of());

            WriteResult result = write(argocd, argocd, server.url(), "team-a");

            assertNotNull(result.error());
            assertTrue(server.unauthorizedRequests() > 0, "the server saw no credentials");
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void aSecretScopedToTheProjectWinsOverAnUnscopedOne() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN)) {
            String argocd = NAMESPACES.next();
            secret(
                    client,
                    argocd,
                    "unscoped",
                    Map.of("url", server.url(), "username", "bot", "password", "wrong"),
                    "repository");
            repositorySecret(argocd, "scoped", server.url(), "team-a");
            appProject(client, argocd, "team-a", List.of("*"), List.of());

            WriteResult result = write(argocd, argocd, server.url(), "team-a");

            assertNull(result.error(), result.error());
            assertEquals(2, remote.log("main").size());
        }
    }

    private static void assertRefused(WriteResult result, String reason) {
        assertNotNull(result.error(), "refused");
        assertTrue(result.error().contains(reason), result.error());
        assertFalse(result.error().contains(TOKEN), result.error());
    }

    private WriteResult write(String appNamespace, String argocd, String url, String project) {
        GitChangeSet set = GitWriterTest.changeSet(
                appNamespace,
                "shop",
                url,
                "shop",
                "Kustomize",
                Map.of(Annotations.WRITE_BACK_METHOD, "git:repocreds", Annotations.WRITE_BACK_TARGET, "kustomization"),
                "web=ghcr.io/acme/web",
                "ghcr.io/acme/web:1.0.0",
                "ghcr.io/acme/web:1.1.0",
                project);
        return writer.write(set.writeKey(), List.of(set), argocd, false).get(0);
    }

    private void repositorySecret(String ns, String name, String url, String project) {
        secret(client, ns, name, data(url, project), "repository");
    }

    private void repoCreds(String ns, String name, String urlPrefix, String project) {
        secret(client, ns, name, data(urlPrefix, project), "repo-creds");
    }

    private static Map<String, String> data(String url, String project) {
        return project == null
                ? Map.of("url", url, "username", "bot", "password", TOKEN)
                : Map.of("url", url, "username", "bot", "password", TOKEN, "project", project);
    }

    private static GitRemote remote() {
        return GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION));
    }
}
