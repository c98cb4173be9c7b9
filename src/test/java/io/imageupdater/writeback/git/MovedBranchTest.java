package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.testing.CapturedLog;
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
 * Compare-and-set in Git: when the branch moves between our read and our push, the edits are applied again on the
 * new tip only where the value still holds what we read; a value someone else changed meanwhile keeps their
 * change, and ours is dropped with a log line. A real Git server whose branch moves just before our push.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MovedBranchTest {
    private static final Namespaces NAMESPACES = new Namespaces("moved");
    private static final String KUSTOMIZATION = "images:\n  - name: ghcr.io/acme/web\n    newTag: 1.0.0\n";
    private static final String VALUES = """
            # billing
            replicas: 2
            image:
              name: ghcr.io/acme/api
              tag: 0.1.0 # set by image-updater
            """;

    @Inject
    GitWriter writer;

    @Inject
    KubernetesClient client;

    @Test
    void aValueChangedMeanwhileKeepsTheirChangeAndOursIsDropped() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "token");
                CapturedLog log = CapturedLog.start()) {
            String ns = NAMESPACES.next();
            GitChangeSet shop = shop(ns, server.url());
            GitChangeSet billing = billing(ns, server.url());
            String theirs = VALUES.replace("0.1.0", "0.1.5-hotfix");

            List<WriteResult> results = writeAfterTheirs(remote, server, theirs, "hotfix", shop, billing);

            assertNull(results.get(0).error(), results.get(0).error());
            assertEquals(shop.changes(), results.get(0).applied());
            assertNull(results.get(1).error(), results.get(1).error());
            assertEquals(List.of(), results.get(1).applied());
            assertEquals(billing.changes(), results.get(1).dropped());
            assertEquals(theirs, remote.file("main", "billing/values.yaml"), "their value stays");
            assertEquals(KUSTOMIZATION.replace("1.0.0", "1.1.0"), remote.file("main", "shop/kustomization.yaml"));
            assertEquals(3, remote.log("main").size());
            assertEquals("hotfix", remote.log("main").get(1).getShortMessage());
            List<String> dropped = log.containing("dropped");
            assertEquals(1, dropped.size(), log.lines().toString());
            assertTrue(
                    dropped.get(0).contains(ns + "/billing") && dropped.get(0).contains("line 5"), dropped.get(0));
            assertFalse(dropped.get(0).contains("0.1.5-hotfix"), "line numbers only, no content: " + dropped.get(0));
        }
    }

    @Test
    void aChangeElsewhereInTheFileKeepsOurChange() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "token")) {
            GitChangeSet billing = billing(NAMESPACES.next(), server.url());

            WriteResult result = writeAfterTheirs(
                            remote, server, VALUES.replace("replicas: 2", "replicas: 5"), "scale", billing)
                    .get(0);

            assertNull(result.error(), result.error());
            assertEquals(billing.changes(), result.applied());
            assertEquals(
                    VALUES.replace("replicas: 2", "replicas: 5").replace("0.1.0", "0.2.0"),
                    remote.file("main", "billing/values.yaml"));
            assertEquals(3, remote.log("main").size());
        }
    }

    @Test
    void aValueSomeoneElseSetToOursIsAlreadyCurrent() {
        try (GitRemote remote = remote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "token")) {
            GitChangeSet billing = billing(NAMESPACES.next(), server.url());

            WriteResult result = writeAfterTheirs(
                            remote, server, VALUES.replace("0.1.0", "0.2.0"), "same bump", billing)
                    .get(0);

            assertNull(result.error(), result.error());
            assertEquals(List.of(), result.applied());
            assertEquals(billing.changes(), result.alreadyCurrent());
            assertEquals(2, remote.log("main").size(), "no commit of ours");
        }
    }

    /**
     * Writes the sets (one group, credentials Secret {@code creds} of their namespace) while someone else commits
     * {@code theirs} as billing/values.yaml right before our push.
     */
    private List<WriteResult> writeAfterTheirs(
            GitRemote remote, SmartHttpGitServer server, String theirs, String message, GitChangeSet... sets) {
        String ns = sets[0].app().namespace();
        GitCluster.secret(client, ns, "creds", Map.of("username", "bot", "password", "token"), null);
        server.beforeNextPush(() -> remote.commitAsSomeoneElse("main", Map.of("billing/values.yaml", theirs), message));
        return writer.write(sets[0].writeKey(), List.of(sets), ns, false);
    }

    private static GitRemote remote() {
        return GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION, "billing/values.yaml", VALUES));
    }

    private static GitChangeSet shop(String ns, String url) {
        return GitWriterTest.webChange(
                ns,
                url,
                Map.of(
                        Annotations.WRITE_BACK_METHOD,
                        "git:secret:creds",
                        Annotations.WRITE_BACK_TARGET,
                        "kustomization"));
    }

    private static GitChangeSet billing(String ns, String url) {
        return GitWriterTest.changeSet(
                ns,
                "billing",
                url,
                "billing",
                "Helm",
                Map.of(
                        Annotations.WRITE_BACK_METHOD,
                        "git:secret:creds",
                        Annotations.WRITE_BACK_TARGET,
                        "helmvalues",
                        Annotations.PREFIX + "api.helm.image-tag",
                        "image.tag"),
                "api=ghcr.io/acme/api",
                "ghcr.io/acme/api:0.1.0",
                "ghcr.io/acme/api:0.2.0");
    }
}
