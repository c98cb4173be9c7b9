package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.inRepository;
import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Git write-back through the whole cycle: mock API server (CRUD), real docker-registry, real Git repositories. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GitWriteBackCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("gitcycle");
    private static TestRegistry registry;
    private static String web;
    private static String api;

    @Inject
    UpdateCycle cycle;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        web = registry.host() + "/acme/web";
        api = registry.host() + "/acme/api";
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
        registry.pushAll("acme/api", "0.1.0", "0.2.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void applicationsSharingARepositoryGetOneCommitAndStayUntouched() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(
                Map.of("shop/kustomization.yaml", "images: []\n", "billing/values.yaml", "image:\n  tag: 0.1.0\n"))) {
            GenericKubernetesResource shop = apps.create(inRepository(
                    ns,
                    "shop",
                    remote.fileUrl(),
                    "shop",
                    "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git"),
                    web + ":1.0.0"));
            GenericKubernetesResource billing = apps.create(inRepository(
                    ns,
                    "billing",
                    remote.fileUrl(),
                    "billing",
                    "Helm",
                    Map.of(
                            Annotations.IMAGE_LIST,
                            "api=" + api,
                            Annotations.WRITE_BACK_METHOD,
                            "git",
                            Annotations.WRITE_BACK_TARGET,
                            "helmvalues",
                            Annotations.PREFIX + "api.helm.image-name",
                            "image.repository",
                            Annotations.PREFIX + "api.helm.image-tag",
                            "image.tag"),
                    api + ":0.1.0"));

            CycleResult result = cycle.run(options(ns));

            assertFalse(result.hasErrors(), result.summary());
            assertEquals(2, result.updated());
            assertEquals(2, remote.log("main").size());
            // Argo CD's namespace defaults to the updater's own (the kube context's here), not to the one watched
            // namespace: the Application is outside it, so its file is qualified with its namespace.
            assertEquals(
                    "kustomize:\n  images:\n  - " + web + ":1.1.0\n",
                    remote.file("main", "shop/.argocd-source-" + ns + "_shop.yaml"));
            assertEquals(
                    "image:\n  tag: 0.2.0\n  repository: " + api + "\n", remote.file("main", "billing/values.yaml"));
            assertEquals((Object) shop.get("spec"), apps.read(ns, "shop").get("spec"));
            assertEquals(shop.getMetadata().getResourceVersion(), apps.resourceVersion(ns, "shop"));
            assertEquals(billing.getMetadata().getResourceVersion(), apps.resourceVersion(ns, "billing"));
        }
    }

    @Test
    void differentBranchesGetACommitEach() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"))) {
            remote.commitAsSomeoneElse("staging", Map.of("other.txt", "x\n"), "staging branch");
            apps.create(inRepository(
                    ns,
                    "shop",
                    remote.fileUrl(),
                    "shop",
                    "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git"),
                    web + ":1.0.0"));
            apps.create(inRepository(
                    ns,
                    "shop-staging",
                    remote.fileUrl(),
                    "shop",
                    "Kustomize",
                    Map.of(
                            Annotations.IMAGE_LIST,
                            "web=" + web,
                            Annotations.WRITE_BACK_METHOD,
                            "git",
                            Annotations.GIT_BRANCH,
                            "staging"),
                    web + ":1.0.0"));

            CycleResult result = cycle.run(options(ns));

            assertFalse(result.hasErrors(), result.summary());
            assertEquals(2, remote.log("main").size());
            assertTrue(remote.file("main", "shop/.argocd-source-" + ns + "_shop.yaml")
                    .contains("1.1.0"));
            assertTrue(remote.file("staging", "shop/.argocd-source-" + ns + "_shop-staging.yaml")
                    .contains("1.1.0"));
        }
    }

    @Test
    void aFailedPushIsAnErrorOfTheApplicationAndIsRetriedNextCycle() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"));
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "right")) {
            secret(ns, "creds", "wrong");
            GenericKubernetesResource shop = apps.create(inRepository(
                    ns,
                    "shop",
                    server.url(),
                    "shop",
                    "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git:secret:creds"),
                    web + ":1.0.0"));

            CycleResult failed = cycle.run(options(ns));

            assertTrue(failed.hasErrors());
            assertEquals(0, failed.updated());
            assertTrue(
                    failed.applications().get(0).errors().get(0).message().contains(server.url()),
                    failed.applications().get(0).errors().toString());
            assertEquals(1, remote.log("main").size());
            assertEquals(shop.getMetadata().getResourceVersion(), apps.resourceVersion(ns, "shop"));

            client.secrets().inNamespace(ns).withName("creds").delete();
            secret(ns, "creds", "right");
            CycleResult retried = cycle.run(options(ns));

            assertFalse(retried.hasErrors(), retried.summary());
            assertEquals(1, retried.updated());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void tenantsWritingToOneBranchNeverShareAPush() {
        String teamA = NAMESPACES.next();
        String teamB = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of(
                        "shop/kustomization.yaml", kustomization("1.0.0"),
                        "billing/kustomization.yaml", kustomization("1.0.0")));
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "right")) {
            secret(teamA, "creds", "right");
            secret(teamB, "creds", "wrong");
            for (String[] app : List.of(new String[] {teamA, "shop"}, new String[] {teamB, "billing"})) {
                apps.create(inRepository(
                        app[0],
                        app[1],
                        server.url(),
                        app[1],
                        "Kustomize",
                        Map.of(
                                Annotations.IMAGE_LIST,
                                "web=" + web,
                                Annotations.WRITE_BACK_METHOD,
                                "git:secret:creds",
                                Annotations.WRITE_BACK_TARGET,
                                "kustomization"),
                        web + ":1.0.0"));
            }

            CycleResult result = cycle.run(new CycleOptions(
                    new ApplicationFilter(new LinkedHashSet<>(List.of(teamA, teamB)), List.of(), null), false, 4));

            assertEquals(1, result.updated(), result.summary());
            ApplicationResult failed = result.applications().stream()
                    .filter(app -> app.application().equals(teamB + "/billing"))
                    .findFirst()
                    .orElseThrow();
            assertFalse(failed.errors().isEmpty(), "team B's change was not pushed with team A's credentials");
            assertEquals(2, remote.log("main").size());
            assertEquals(kustomization("1.1.0"), remote.file("main", "shop/kustomization.yaml"));
            assertEquals(kustomization("1.0.0"), remote.file("main", "billing/kustomization.yaml"));
        }
    }

    private static String kustomization(String tag) {
        return "images:\n  - name: " + web + "\n    newTag: " + tag + "\n";
    }

    private void secret(String ns, String name, String password) {
        Map<String, String> data = Map.of("username", encode("bot"), "password", encode(password));
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(ns)
                        .endMetadata()
                        .withData(data)
                        .build())
                .create();
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
