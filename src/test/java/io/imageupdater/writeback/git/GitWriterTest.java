package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.testing.SshGitServer;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** Git write-back against real repositories: a bare one over file://, smart HTTP with basic auth, and SSH with a key. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GitWriterTest {
    private static final Namespaces NAMESPACES = new Namespaces("git");
    private static final String KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml
            # pinned by image-updater
            images:
              - name: ghcr.io/acme/web
                newTag: 1.0.0
            """;
    private static final String VALUES = """
            # billing chart values
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
    void fileRepositoryGetsTheArgocdSourceFileWithMessageAndAuthor() {
        try (GitRemote remote = GitRemote.create(Map.of("apps/shop/kustomization.yaml", KUSTOMIZATION))) {
            String ns = namespace();
            GitChangeSet set = webChange(ns, remote.fileUrl(), "apps/shop", Map.of());

            List<WriteResult> results = write(set, ns);

            assertNull(results.get(0).error(), results.get(0).error());
            assertEquals(1, results.get(0).applied().size());
            assertEquals(
                    "kustomize:\n  images:\n  - ghcr.io/acme/web:1.1.0\n",
                    remote.file("main", "apps/shop/.argocd-source-shop.yaml"));
            assertEquals(KUSTOMIZATION, remote.file("main", "apps/shop/kustomization.yaml"));
            RevCommit commit = remote.log("main").get(0);
            assertEquals(
                    "chore(image-updater): new image versions for shop\n\n* ghcr.io/acme/web: 1.0.0 -> 1.1.0\n",
                    commit.getFullMessage());
            assertEquals("image-updater", commit.getAuthorIdent().getName());
            assertEquals("noreply@imageupdater.io", commit.getAuthorIdent().getEmailAddress());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void anApplicationOutsideTheArgocdNamespaceGetsTheSourceFileArgocdReadsForIt() {
        try (GitRemote remote = GitRemote.create(Map.of("apps/shop/kustomization.yaml", KUSTOMIZATION))) {
            String ns = namespace();
            GitChangeSet outside = webChange(ns, remote.fileUrl(), "apps/shop", Map.of());
            GitChangeSet inside = changeSet(
                    "argocd",
                    "shop",
                    remote.fileUrl(),
                    "apps/shop",
                    "Kustomize",
                    Map.of(),
                    "web=ghcr.io/acme/web",
                    "ghcr.io/acme/web:1.0.0",
                    "ghcr.io/acme/web:1.2.0");

            assertNull(writer.write(outside.writeKey(), List.of(outside), "argocd", false)
                    .get(0)
                    .error());
            assertNull(writer.write(inside.writeKey(), List.of(inside), "argocd", false)
                    .get(0)
                    .error());

            assertEquals(
                    "kustomize:\n  images:\n  - ghcr.io/acme/web:1.1.0\n",
                    remote.file("main", "apps/shop/.argocd-source-" + ns + "_shop.yaml"));
            assertEquals(
                    "kustomize:\n  images:\n  - ghcr.io/acme/web:1.2.0\n",
                    remote.file("main", "apps/shop/.argocd-source-shop.yaml"));
        }
    }

    @Test
    void twoApplicationsSharingABranchGetOneCommit() {
        try (GitRemote remote =
                GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION, "billing/values.yaml", VALUES))) {
            String ns = namespace();
            GitChangeSet shop = webChange(ns, remote.fileUrl(), Map.of(Annotations.WRITE_BACK_TARGET, "kustomization"));
            GitChangeSet billing = changeSet(
                    ns,
                    "billing",
                    remote.fileUrl(),
                    "billing",
                    "Helm",
                    Map.of(Annotations.WRITE_BACK_TARGET, "helmvalues"),
                    "api=ghcr.io/acme/api",
                    "ghcr.io/acme/api:0.1.0",
                    "ghcr.io/acme/api:0.2.0");
            assertEquals(shop.writeKey(), billing.writeKey());

            List<WriteResult> results = writer.write(shop.writeKey(), List.of(shop, billing), ns, false);

            assertTrue(results.stream().allMatch(result -> result.error() == null), results.toString());
            assertEquals(2, remote.log("main").size());
            assertEquals(
                    KUSTOMIZATION.replace("newTag: 1.0.0", "newTag: 1.1.0"),
                    remote.file("main", "shop/kustomization.yaml"));
            assertEquals(VALUES.replace("tag: 0.1.0", "tag: 0.2.0"), remote.file("main", "billing/values.yaml"));
            String message = remote.log("main").get(0).getFullMessage();
            assertTrue(message.startsWith("chore(image-updater): new image versions for shop, billing\n"), message);
            assertTrue(message.contains("ghcr.io/acme/api: 0.1.0 -> 0.2.0"), message);
        }
    }

    @Test
    void noChangeMakesNoCommit() {
        try (GitRemote remote = shopRemote()) {
            String ns = namespace();
            GitChangeSet set = changeSet(
                    ns,
                    "shop",
                    remote.fileUrl(),
                    "shop",
                    "Kustomize",
                    Map.of(Annotations.WRITE_BACK_TARGET, "kustomization"),
                    "web=ghcr.io/acme/web",
                    "ghcr.io/acme/web:0.9.0",
                    "ghcr.io/acme/web:1.0.0");

            WriteResult result = write(set, ns).get(0);

            assertNull(result.error());
            assertEquals(List.of(), result.applied());
            assertEquals(1, result.alreadyCurrent().size());
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void baseColonTargetPushesToANewTemplatedBranchAndLeavesTheBaseAlone() {
        try (GitRemote remote = shopRemote()) {
            String ns = namespace();
            GitChangeSet set = webChange(
                    ns,
                    remote.fileUrl(),
                    Map.of(
                            Annotations.WRITE_BACK_TARGET,
                            "kustomization",
                            Annotations.GIT_BRANCH,
                            "main:update/{{.AppName}}{{range .Images}}-{{.Alias}}-{{.NewTag}}{{end}}"));

            assertNull(write(set, ns).get(0).error());

            assertEquals(KUSTOMIZATION, remote.file("main", "shop/kustomization.yaml"));
            assertEquals(
                    KUSTOMIZATION.replace("1.0.0", "1.1.0"),
                    remote.file("update/shop-web-1.1.0", "shop/kustomization.yaml"));
            assertEquals(
                    remote.log("main").get(0),
                    remote.log("update/shop-web-1.1.0").get(0).getParent(0));
        }
    }

    @Test
    void smartHttpWithBasicAuthFromASecret() {
        try (GitRemote remote = shopRemote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "s3cret-token")) {
            String ns = namespace();
            secret(ns, "git-creds", Map.of("username", "bot", "password", "s3cret-token"), null);
            GitChangeSet set = webChange(
                    ns,
                    server.url(),
                    Map.of(
                            Annotations.WRITE_BACK_METHOD,
                            "git:secret:git-creds",
                            Annotations.WRITE_BACK_TARGET,
                            "kustomization"));

            WriteResult result = write(set, ns).get(0);

            assertNull(result.error(), result.error());
            assertEquals(KUSTOMIZATION.replace("1.0.0", "1.1.0"), remote.file("main", "shop/kustomization.yaml"));
        }
    }

    @Test
    void aCommitPushedMeanwhileIsKeptAndOursLandsOnTop() {
        try (GitRemote remote = shopRemote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "s3cret-token")) {
            String ns = namespace();
            secret(ns, "git-creds", Map.of("username", "bot", "password", "s3cret-token"), null);
            GitChangeSet set = webChange(
                    ns,
                    server.url(),
                    Map.of(
                            Annotations.WRITE_BACK_METHOD,
                            "git:secret:" + ns + "/git-creds",
                            Annotations.WRITE_BACK_TARGET,
                            "kustomization"));
            RevCommit[] theirs = new RevCommit[1];
            server.beforeNextPush(() -> theirs[0] =
                    remote.commitAsSomeoneElse("main", Map.of("README.md", "hello\n"), "docs: add a README"));

            WriteResult result = write(set, ns).get(0);

            assertNull(result.error(), result.error());
            List<RevCommit> log = remote.log("main");
            assertEquals(3, log.size());
            assertEquals(theirs[0], log.get(0).getParent(0));
            assertEquals("image-updater", log.get(0).getAuthorIdent().getName());
            assertEquals("hello\n", remote.file("main", "README.md"));
            assertEquals(KUSTOMIZATION.replace("1.0.0", "1.1.0"), remote.file("main", "shop/kustomization.yaml"));
        }
    }

    @Test
    void aSecretOfAnotherNamespaceIsRefusedBeforeItIsRead() {
        try (GitRemote remote = shopRemote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "right-token")) {
            String ns = namespace();
            String other = namespace();
            secret(other, "git-creds", Map.of("username", "bot", "password", "right-token"), null);
            GitChangeSet set = webChange(
                    ns, server.url(), Map.of(Annotations.WRITE_BACK_METHOD, "git:secret:" + other + "/git-creds"));

            WriteResult result = write(set, ns).get(0);

            assertNotNull(result.error());
            assertTrue(result.error().contains("own namespace"), result.error());
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void wrongPasswordIsAClearErrorNamingTheRepositoryWithoutTheSecret() {
        try (GitRemote remote = shopRemote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "right-token")) {
            String ns = namespace();
            secret(ns, "git-creds", Map.of("username", "bot", "password", "wrong-token"), null);
            GitChangeSet set =
                    webChange(ns, server.url(), Map.of(Annotations.WRITE_BACK_METHOD, "git:secret:git-creds"));

            WriteResult result = write(set, ns).get(0);

            assertNotNull(result.error());
            assertTrue(result.error().contains(server.url()), result.error());
            assertTrue(
                    result.error().toLowerCase().contains("not authorized")
                            || result.error().toLowerCase().contains("authentication"),
                    result.error());
            assertFalse(result.error().contains("wrong-token"), result.error());
            assertTrue(server.unauthorizedRequests() > 0);
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void repoCredsAreFoundByTheLongestUrlPrefixInTheArgocdNamespace() {
        try (GitRemote remote = shopRemote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "prefix-token")) {
            String ns = namespace();
            String argocd = ns + "-argocd";
            String host = server.url().substring(0, server.url().indexOf("/repo.git"));
            secret(
                    argocd,
                    "short-prefix",
                    Map.of("url", "http://127.0.0.1", "username", "bot", "password", "nope"),
                    "repo-creds");
            secret(
                    argocd,
                    "long-prefix",
                    Map.of("url", host + "/", "username", "bot", "password", "prefix-token"),
                    "repo-creds");
            secret(
                    argocd,
                    "other-repo",
                    Map.of("url", host + "/other.git", "username", "bot", "password", "nope"),
                    "repository");
            GitCluster.appProject(client, argocd, "default", List.of("*"), List.of(ns));
            GitChangeSet set = webChange(
                    ns,
                    server.url(),
                    Map.of(
                            Annotations.WRITE_BACK_METHOD,
                            "git:repocreds",
                            Annotations.WRITE_BACK_TARGET,
                            "kustomization"));

            WriteResult result =
                    writer.write(set.writeKey(), List.of(set), argocd, false).get(0);

            assertNull(result.error(), result.error());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void repositorySecretMatchesTheExactUrl() {
        try (GitRemote remote = shopRemote();
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "repo-token")) {
            String ns = namespace();
            String host = server.url().substring(0, server.url().indexOf("/repo.git"));
            secret(ns, "prefix", Map.of("url", host, "username", "bot", "password", "nope"), "repo-creds");
            secret(
                    ns,
                    "exact",
                    Map.of("url", server.url() + "/", "username", "bot", "password", "repo-token"),
                    "repository");
            GitCluster.appProject(client, ns, "default", List.of(server.url()), List.of());
            GitChangeSet set = webChange(ns, server.url(), Map.of(Annotations.WRITE_BACK_METHOD, "git"));

            assertNull(write(set, ns).get(0).error());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void sshWithAKeyAndArgocdKnownHosts() {
        KeyPair key = SshGitServer.newClientKey();
        try (GitRemote remote = shopRemote();
                SshGitServer server = SshGitServer.start(remote.repository(), key.getPublic())) {
            String ns = namespace();
            secret(ns, "ssh-creds", Map.of("sshPrivateKey", SshGitServer.privateKeyText(key)), null);
            knownHosts(ns, server);
            GitChangeSet set = webChange(
                    ns,
                    server.url(),
                    Map.of(
                            Annotations.WRITE_BACK_METHOD,
                            "git:secret:ssh-creds",
                            Annotations.WRITE_BACK_TARGET,
                            "kustomization"));

            WriteResult result = write(set, ns).get(0);

            assertNull(result.error(), result.error());
            assertEquals(KUSTOMIZATION.replace("1.0.0", "1.1.0"), remote.file("main", "shop/kustomization.yaml"));
        }
    }

    @Test
    void sshToAnUnknownHostIsRefused() {
        KeyPair key = SshGitServer.newClientKey();
        try (GitRemote remote = shopRemote();
                SshGitServer server = SshGitServer.start(remote.repository(), key.getPublic())) {
            String ns = namespace();
            String keyText = SshGitServer.privateKeyText(key);
            secret(ns, "ssh-creds", Map.of("sshPrivateKey", keyText), null);
            GitChangeSet set =
                    webChange(ns, server.url(), Map.of(Annotations.WRITE_BACK_METHOD, "git:secret:ssh-creds"));

            WriteResult result = write(set, ns).get(0);

            assertNotNull(result.error());
            assertTrue(result.error().contains(server.url()), result.error());
            assertFalse(
                    result.error().contains(keyText.lines().skip(1).findFirst().orElseThrow()), result.error());
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void sshWithAnotherKeyIsRefused() {
        KeyPair authorized = SshGitServer.newClientKey();
        try (GitRemote remote = shopRemote();
                SshGitServer server = SshGitServer.start(remote.repository(), authorized.getPublic())) {
            String ns = namespace();
            secret(
                    ns,
                    "ssh-creds",
                    Map.of("sshPrivateKey", SshGitServer.privateKeyText(SshGitServer.newClientKey())),
                    null);
            knownHosts(ns, server);
            GitChangeSet set =
                    webChange(ns, server.url(), Map.of(Annotations.WRITE_BACK_METHOD, "git:secret:ssh-creds"));

            WriteResult result = write(set, ns).get(0);

            assertNotNull(result.error());
            assertTrue(result.error().contains(server.url()), result.error());
            assertEquals(1, remote.log("main").size());
        }
    }

    @Test
    void theWorkspaceIsRemovedEvenAfterAFailure() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = workspaces(tmp);
        String ns = namespace();
        GitChangeSet set = webChange(ns, "file:///nonexistent/repo.git", Map.of());

        WriteResult result = write(set, ns).get(0);

        assertTrue(result.error().contains("file:///nonexistent/repo.git"), result.error());
        assertEquals(before, workspaces(tmp));
    }

    private static GitRemote shopRemote() {
        return GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION));
    }

    /** Application {@code shop} (Kustomize, path {@code shop}) moving ghcr.io/acme/web from 1.0.0 to 1.1.0. */
    static GitChangeSet webChange(String ns, String repoUrl, Map<String, String> settings) {
        return webChange(ns, repoUrl, "shop", settings);
    }

    /** Application {@code shop} (Kustomize, at {@code path}) moving ghcr.io/acme/web from 1.0.0 to 1.1.0. */
    static GitChangeSet webChange(String ns, String repoUrl, String path, Map<String, String> settings) {
        return changeSet(
                ns,
                "shop",
                repoUrl,
                path,
                "Kustomize",
                settings,
                "web=ghcr.io/acme/web",
                "ghcr.io/acme/web:1.0.0",
                "ghcr.io/acme/web:1.1.0");
    }

    private void knownHosts(String ns, SshGitServer server) {
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("argocd-ssh-known-hosts-cm")
                        .withNamespace(ns)
                        .endMetadata()
                        .withData(Map.of("ssh_known_hosts", server.knownHostsLine() + "\n"))
                        .build())
                .create();
    }

    private static long workspaces(Path tmp) throws IOException {
        try (var list = Files.list(tmp)) {
            return list.filter(path -> path.getFileName().toString().startsWith("image-updater-git-"))
                    .count();
        }
    }

    private List<WriteResult> write(GitChangeSet set, String argocdNamespace) {
        return writer.write(set.writeKey(), List.of(set), argocdNamespace, false);
    }

    private void secret(String ns, String name, Map<String, String> data, String argocdType) {
        var builder = new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(argocdType == null ? Map.of() : Map.of("argocd.argoproj.io/secret-type", argocdType))
                .endMetadata();
        Map<String, String> encoded = new HashMap<>();
        data.forEach(
                (key, value) -> encoded.put(key, java.util.Base64.getEncoder().encodeToString(value.getBytes())));
        client.secrets()
                .inNamespace(ns)
                .resource(builder.withData(encoded).build())
                .create();
    }

    static GitChangeSet changeSet(
            String ns,
            String name,
            String repoUrl,
            String path,
            String sourceType,
            Map<String, String> settings,
            String imageList,
            String from,
            String to) {
        return changeSet(ns, name, repoUrl, path, sourceType, settings, imageList, from, to, "default");
    }

    /** One Application of AppProject {@code project} changing one image. */
    static GitChangeSet changeSet(
            String ns,
            String name,
            String repoUrl,
            String path,
            String sourceType,
            Map<String, String> settings,
            String imageList,
            String from,
            String to,
            String project) {
        Map<String, String> annotations = new HashMap<>(settings);
        annotations.put(Annotations.IMAGE_LIST, imageList);
        annotations.putIfAbsent(Annotations.WRITE_BACK_METHOD, "git");
        Map<String, Object> source =
                new LinkedHashMap<>(Map.of("repoURL", repoUrl, "path", path, "targetRevision", "HEAD"));
        ArgoApplication app = ArgoApplication.from(Applications.application(
                ns,
                name,
                Map.of(),
                annotations,
                Map.of("project", project, "source", source),
                Map.of("sourceType", sourceType, "summary", Map.of("images", List.of(from)))));
        var spec = ApplicationSpecParser.parse(annotations, app.ref());
        ImageSpec image = spec.images().get(0);
        PlannedChange change =
                new PlannedChange(image, new ImageChange(image.alias(), ImageRef.parse(from), ImageRef.parse(to)));
        return new GitChangeSet(app, spec.writeBack(), List.of(change));
    }

    private static String namespace() {
        return NAMESPACES.next();
    }
}
