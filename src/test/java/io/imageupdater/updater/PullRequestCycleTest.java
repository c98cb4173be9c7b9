package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.inRepository;
import static io.imageupdater.updater.CycleApps.optionsWithAnnotations;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.writeback.git.pullrequest.ForgeStandIn;
import io.imageupdater.writeback.git.pullrequest.GitHubStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull request workflow through the whole cycle: an ImageUpdater's {@code gitConfig.pullRequest} (and the
 * annotation form) opens a pull request on the GitHub stand-in instead of pushing to the base; the resource's
 * {@code recentUpdates[].message} names the pull request, and the action is counted in
 * {@code argocd_image_updater_pull_requests_total}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class PullRequestCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("prcycle");
    private static final String TOKEN = "tok-cycle-91b2c7d4";
    private static TestRegistry registry;
    private static String web;

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
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void registerCrd() {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName("imageupdaters.argocd-image-updater.argoproj.io").get() == null) {
            crds.load(Path.of("kubernetes/crd-imageupdaters.yaml").toFile()).create();
        }
    }

    @Test
    void anImageUpdatersPullRequestSettingsOpenADraftWithLabelsReviewersAndAutoMerge() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", kustomization()));
                SmartHttpGitServer git = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN, "/acme/shop.git");
                GitHubStandIn forge = new GitHubStandIn(TOKEN)) {
            secret(ns, forge);
            RevCommit base = remote.log("main").get(0);
            apps.create(inRepository(ns, "shop", git.url(), "shop", "Kustomize", Map.of(), web + ":1.0.0"));
            createUpdater(
                    ns,
                    Map.of(
                            "writeBackConfig",
                            Map.of(
                                    "method",
                                    "git:secret:forge",
                                    "gitConfig",
                                    Map.of(
                                            "branch",
                                            "main",
                                            "writeBackTarget",
                                            "kustomization",
                                            "pullRequest",
                                            Map.of(
                                                    "github",
                                                    Map.of(),
                                                    "labels",
                                                    List.of("dependencies", " dependencies "),
                                                    "autoMerge",
                                                    true,
                                                    "draft",
                                                    true,
                                                    "reviewers",
                                                    List.of("alice")))),
                            "applicationRefs",
                            List.of(Map.of(
                                    "namePattern",
                                    "shop",
                                    "images",
                                    List.of(Map.of("alias", "web", "imageName", web + ":^1.0"))))));

            CycleResult result = cycle.run(optionsWithAnnotations(ns, false));

            assertFalse(result.hasErrors(), result.summary());
            ForgeStandIn.Pr pr = forge.only();
            assertTrue(pr.draft);
            assertEquals(List.of("dependencies"), pr.labels);
            assertEquals(List.of("alice"), pr.reviewers);
            assertEquals("DEFAULT", pr.autoMerge);
            assertEquals(List.of(base), remote.log("main"), "nothing pushed to the base");
            String url = forge.origin() + "/acme/shop/pull/" + pr.number;
            ImageUpdaterStatus status = ImageUpdaterResource.from(
                            client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                                    .inNamespace(ns)
                                    .withName("prs")
                                    .get())
                    .status();
            assertTrue(
                    status.recentUpdates().get(0).message().contains(url),
                    status.recentUpdates().toString());
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(
                    metrics.lines()
                            .anyMatch(line -> line.startsWith("argocd_image_updater_pull_requests_total{")
                                    && line.contains("provider=\"github\"")
                                    && line.contains("action=\"opened\"")),
                    metrics);
        }
    }

    @Test
    void theAnnotationFormOpensAPullRequestWithItsLabels() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", kustomization()));
                SmartHttpGitServer git = SmartHttpGitServer.start(remote.repository(), "bot", TOKEN, "/acme/shop.git");
                GitHubStandIn forge = new GitHubStandIn(TOKEN)) {
            secret(ns, forge);
            RevCommit base = remote.log("main").get(0);
            apps.create(inRepository(
                    ns,
                    "shop",
                    git.url(),
                    "shop",
                    "Kustomize",
                    Map.of(
                            Annotations.IMAGE_LIST, "web=" + web,
                            Annotations.WRITE_BACK_METHOD, "git:secret:forge",
                            Annotations.WRITE_BACK_TARGET, "kustomization",
                            Annotations.GIT_BRANCH, "main",
                            Annotations.GIT_PULL_REQUEST, "github",
                            Annotations.GIT_PULL_REQUEST_LABELS, "images, automated,images"),
                    web + ":1.0.0"));

            CycleResult result = cycle.run(optionsWithAnnotations(ns, true));

            assertFalse(result.hasErrors(), result.summary());
            assertEquals(List.of("images", "automated"), forge.only().labels);
            assertTrue(remote.file(forge.only().head, "shop/kustomization.yaml").contains("newTag: 1.1.0"));
            assertEquals(List.of(base), remote.log("main"));
        }
    }

    private String kustomization() {
        return "images:\n  - name: " + web + "\n    newTag: 1.0.0\n";
    }

    private void secret(String ns, ForgeStandIn forge) {
        Map<String, String> data = new HashMap<>();
        Map.of("username", "bot", "password", TOKEN, "apiURL", forge.api())
                .forEach((key, value) ->
                        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("forge")
                        .withNamespace(ns)
                        .endMetadata()
                        .withData(data)
                        .build())
                .create();
    }

    private void createUpdater(String ns, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(ImageUpdaterResource.API_VERSION)
                .withKind(ImageUpdaterResource.KIND)
                .withNewMetadata()
                .withNamespace(ns)
                .withName("prs")
                .endMetadata()
                .build();
        resource.setAdditionalProperties(new HashMap<>(Map.of("spec", spec)));
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .resource(resource)
                .create();
    }
}
