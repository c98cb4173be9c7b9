package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Git write-back through the whole cycle: mock API server (CRUD), real docker-registry, real Git repositories. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GitWriteBackCycleTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static TestRegistry registry;
    private static String web;
    private static String api;

    @Inject
    UpdateCycle cycle;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        web = registry.host() + "/acme/web";
        api = registry.host() + "/acme/api";
        for (String tag : List.of("1.0.0", "1.1.0")) {
            registry.push("acme/web", tag);
        }
        for (String tag : List.of("0.1.0", "0.2.0")) {
            registry.push("acme/api", tag);
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void applicationsSharingARepositoryGetOneCommitAndStayUntouched() {
        String ns = namespace();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n",
                "billing/values.yaml", "image:\n  tag: 0.1.0\n"))) {
            GenericKubernetesResource shop = create(app(ns, "shop", remote.fileUrl(), "shop", "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git"), web + ":1.0.0"));
            GenericKubernetesResource billing = create(app(ns, "billing", remote.fileUrl(), "billing", "Helm",
                    Map.of(Annotations.IMAGE_LIST, "api=" + api, Annotations.WRITE_BACK_METHOD, "git",
                            Annotations.WRITE_BACK_TARGET, "helmvalues",
                            Annotations.PREFIX + "api.helm.image-name", "image.repository",
                            Annotations.PREFIX + "api.helm.image-tag", "image.tag"),
                    api + ":0.1.0"));

            CycleResult result = cycle.run(options(ns));

            assertFalse(result.hasErrors(), result.summary());
            assertEquals(2, result.updated());
            assertEquals(2, remote.log("main").size());
            assertEquals("kustomize:\n  images:\n  - " + web + ":1.1.0\n", remote.file("main", "shop/.argocd-source-shop.yaml"));
            assertEquals("image:\n  tag: 0.2.0\n  repository: " + api + "\n", remote.file("main", "billing/values.yaml"));
            assertEquals((Object) shop.get("spec"), read(ns, "shop").get("spec"));
            assertEquals(shop.getMetadata().getResourceVersion(), read(ns, "shop").getMetadata().getResourceVersion());
            assertEquals(billing.getMetadata().getResourceVersion(), read(ns, "billing").getMetadata().getResourceVersion());
        }
    }

    @Test
    void differentBranchesGetACommitEach() {
        String ns = namespace();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"))) {
            remote.commitAsSomeoneElse("staging", Map.of("other.txt", "x\n"), "staging branch");
            create(app(ns, "shop", remote.fileUrl(), "shop", "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git"), web + ":1.0.0"));
            create(app(ns, "shop-staging", remote.fileUrl(), "shop", "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git",
                            Annotations.GIT_BRANCH, "staging"), web + ":1.0.0"));

            CycleResult result = cycle.run(options(ns));

            assertFalse(result.hasErrors(), result.summary());
            assertEquals(2, remote.log("main").size());
            assertTrue(remote.file("main", "shop/.argocd-source-shop.yaml").contains("1.1.0"));
            assertTrue(remote.file("staging", "shop/.argocd-source-shop-staging.yaml").contains("1.1.0"));
        }
    }

    @Test
    void aFailedPushIsAnErrorOfTheApplicationAndIsRetriedNextCycle() {
        String ns = namespace();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"));
                SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "bot", "right")) {
            secret(ns, "creds", "wrong");
            GenericKubernetesResource shop = create(app(ns, "shop", server.url(), "shop", "Kustomize",
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git:secret:creds"),
                    web + ":1.0.0"));

            CycleResult failed = cycle.run(options(ns));

            assertTrue(failed.hasErrors());
            assertEquals(0, failed.updated());
            assertTrue(failed.applications().get(0).errors().get(0).contains(server.url()),
                    failed.applications().get(0).errors().toString());
            assertEquals(1, remote.log("main").size());
            assertEquals(shop.getMetadata().getResourceVersion(), read(ns, "shop").getMetadata().getResourceVersion());

            client.secrets().inNamespace(ns).withName("creds").delete();
            secret(ns, "creds", "right");
            CycleResult retried = cycle.run(options(ns));

            assertFalse(retried.hasErrors(), retried.summary());
            assertEquals(1, retried.updated());
            assertEquals(2, remote.log("main").size());
        }
    }

    private void secret(String ns, String name, String password) {
        Map<String, String> data = Map.of("username", encode("bot"), "password", encode(password));
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withData(data).build()).create();
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String namespace() {
        return "gitcycle-" + NAMESPACES.incrementAndGet();
    }

    private static CycleOptions options(String namespace) {
        return new CycleOptions(new ApplicationFilter(Set.of(namespace), List.of(), null), false, 4);
    }

    private GenericKubernetesResource create(GenericKubernetesResource app) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT).inNamespace(app.getMetadata().getNamespace())
                .resource(app).create();
    }

    private GenericKubernetesResource read(String ns, String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT).inNamespace(ns).withName(name).get();
    }

    private static GenericKubernetesResource app(String ns, String name, String repoUrl, String path, String type,
            Map<String, String> annotations, String live) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("repoURL", repoUrl, "path", path,
                "targetRevision", "HEAD"));
        Map<String, Object> spec = new HashMap<>(Map.of("project", "default", "source", source,
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns)));
        Map<String, Object> status = Map.of("sourceType", type, "summary", Map.of("images", List.of(live)));
        return Applications.application(ns, name, Map.of(), annotations, spec, status);
    }
}
