package io.imageupdater.writeback.git.pullrequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.PullRequestSettings.Provider;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.writeback.WriteResult;
import io.imageupdater.writeback.git.GitChangeSet;
import io.imageupdater.writeback.git.GitWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

/**
 * GitHub App authentication: a JWT signed with the App's key (a test key, PKCS#1 PEM as GitHub hands it out) finds
 * the installation for the repository and obtains an installation token, which then serves both the push (the Git
 * server accepts nothing else) and the API (the stand-in accepts nothing else).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GitHubAppTest {
    private static final Namespaces NAMESPACES = new Namespaces("ghapp");
    private static final String APP_ID = "4242";
    private static final String INSTALLATION_TOKEN = "ghs_installation5b8e0d1c";

    @Inject
    GitWriter writer;

    @Inject
    KubernetesClient client;

    @Test
    void theInstallationIsLookedUpAndItsTokenPushesAndOpensThePullRequest() throws Exception {
        KeyPair key = rsa();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION));
                SmartHttpGitServer git = SmartHttpGitServer.start(
                        remote.repository(), "x-access-token", INSTALLATION_TOKEN, "/acme/shop.git");
                GitHubStandIn forge = new GitHubStandIn(INSTALLATION_TOKEN, APP_ID, key.getPublic())) {
            String ns = NAMESPACES.next();
            ForgeFixtures.secret(client, ns, "forge", appSecret(key, forge, null));

            WriteResult result =
                    write(ForgeFixtures.change(ns, git.url(), "1.1.0", PullRequestSettings.of(Provider.GITHUB)));

            assertNull(result.error(), result.error());
            assertTrue(forge.requests.contains("GET /repos/acme/shop/installation"), forge.requests.toString());
            assertTrue(
                    forge.requests.contains("POST /app/installations/" + GitHubStandIn.INSTALLATION + "/access_tokens"),
                    forge.requests.toString());
            assertFalse(forge.jwtsSeen.isEmpty(), "a valid JWT was presented");
            ForgeStandIn.Pr pr = forge.only();
            assertTrue(
                    remote.file(pr.head, "shop/kustomization.yaml").contains("newTag: 1.1.0"), "pushed with the token");
        }
    }

    @Test
    void aGivenInstallationIdIsUsedWithoutALookup() throws Exception {
        KeyPair key = rsa();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION));
                SmartHttpGitServer git = SmartHttpGitServer.start(
                        remote.repository(), "x-access-token", INSTALLATION_TOKEN, "/acme/shop.git");
                GitHubStandIn forge = new GitHubStandIn(INSTALLATION_TOKEN, APP_ID, key.getPublic())) {
            String ns = NAMESPACES.next();
            ForgeFixtures.secret(
                    client, ns, "forge", appSecret(key, forge, String.valueOf(GitHubStandIn.INSTALLATION)));

            WriteResult result =
                    write(ForgeFixtures.change(ns, git.url(), "1.1.0", PullRequestSettings.of(Provider.GITHUB)));

            assertNull(result.error(), result.error());
            assertFalse(forge.requests.contains("GET /repos/acme/shop/installation"), forge.requests.toString());
            assertEquals(1, forge.tokensIssued);
            assertEquals(1, forge.pullRequests.size());
        }
    }

    @Test
    void aKeyTheAppDoesNotHaveIsRefusedWithoutLeakingAnything() throws Exception {
        KeyPair key = rsa();
        KeyPair other = rsa();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", ForgeFixtures.KUSTOMIZATION));
                SmartHttpGitServer git = SmartHttpGitServer.start(
                        remote.repository(), "x-access-token", INSTALLATION_TOKEN, "/acme/shop.git");
                GitHubStandIn forge = new GitHubStandIn(INSTALLATION_TOKEN, APP_ID, key.getPublic())) {
            String ns = NAMESPACES.next();
            ForgeFixtures.secret(client, ns, "forge", appSecret(other, forge, null));

            WriteResult result =
                    write(ForgeFixtures.change(ns, git.url(), "1.1.0", PullRequestSettings.of(Provider.GITHUB)));

            assertTrue(result.error().contains("github") && result.error().contains("HTTP 401"), result.error());
            assertFalse(result.error().contains("PRIVATE KEY"), result.error());
            assertEquals(List.of("main"), remote.branches());
        }
    }

    private static Map<String, String> appSecret(KeyPair key, GitHubStandIn forge, String installation)
            throws Exception {
        Map<String, String> data = new HashMap<>();
        data.put("githubAppID", APP_ID);
        data.put("githubAppPrivateKey", pkcs1(key));
        data.put("apiURL", forge.api());
        if (installation != null) {
            data.put("githubAppInstallationID", installation);
        }
        return data;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The private key as {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1), the form GitHub's download has. */
    private static String pkcs1(KeyPair key) throws Exception {
        byte[] der = PrivateKeyInfo.getInstance(key.getPrivate().getEncoded())
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private WriteResult write(GitChangeSet set) {
        return writer.write(set.writeKey(), List.of(set), "argocd", false).get(0);
    }
}
