package io.imageupdater.view;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleOptions;
import io.imageupdater.updater.CycleResult;
import io.imageupdater.updater.CycleRunner;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scene the view's tests look at: a real registry and Applications in the mock API server, in two namespaces,
 * one per decision the page must show.
 *
 * <ul>
 *   <li>{@code shop/web}: runs acme/web 1.0.0, 1.1.0 exists: updated (argocd write-back)
 *   <li>{@code shop/api}: runs acme/api 2.0.0, the newest: up to date; handled by the ImageUpdater
 *       {@code shop/platform}
 *   <li>{@code billing/worker}: allow-tags {@code regexp:^v} matches none of 1.0.0, 1.1.0: no eligible tag
 *   <li>{@code billing/ledger}: git write-back to a repository URL with credentials and a query string, whose
 *       credentials Secret does not exist: error (and neither the credentials nor the query may show)
 *   <li>{@code billing/down}: its registry does not answer: error
 * </ul>
 */
public final class ViewScene {
    static final String SECRET_IN_URL = "s3cr3t-pass";
    static final String QUERY_TOKEN = "tok-abc123";

    private ViewScene() {}

    public static void create(KubernetesClient client, TestRegistry registry) {
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
        registry.pushAll("acme/api", "2.0.0");
        registry.pushAll("acme/worker", "1.0.0", "1.1.0");
        String host = registry.host();
        create(
                client,
                "shop",
                "web",
                Map.of(Annotations.IMAGE_LIST, "web=" + host + "/acme/web:~1"),
                host + "/acme/web:1.0.0");
        create(client, "shop", "api", Map.of(), host + "/acme/api:2.0.0");
        GenericKubernetesResource platform = new GenericKubernetesResourceBuilder()
                .withApiVersion(ImageUpdaterResource.API_VERSION)
                .withKind(ImageUpdaterResource.KIND)
                .withNewMetadata()
                .withNamespace("shop")
                .withName("platform")
                .endMetadata()
                .build();
        platform.setAdditionalProperties(new HashMap<>(Map.of(
                "spec",
                Map.of(
                        "applicationRefs",
                        List.of(Map.of(
                                "namePattern",
                                "api",
                                "images",
                                List.of(Map.of("alias", "api", "imageName", host + "/acme/api"))))))));
        client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace("shop")
                .resource(platform)
                .create();
        create(
                client,
                "billing",
                "worker",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "worker=" + host + "/acme/worker",
                        Annotations.PREFIX + "worker.allow-tags",
                        "regexp:^v"),
                host + "/acme/worker:1.0.0");
        create(
                client,
                "billing",
                "ledger",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "ledger=" + host + "/acme/web:~1",
                        Annotations.WRITE_BACK_METHOD,
                        "git:secret:billing/git-creds",
                        Annotations.GIT_REPOSITORY,
                        "https://bot:" + SECRET_IN_URL + "@127.0.0.1:9/shop.git?access_token=" + QUERY_TOKEN,
                        Annotations.GIT_BRANCH,
                        "main"),
                host + "/acme/web:1.0.0");
        create(
                client,
                "billing",
                "down",
                Map.of(Annotations.IMAGE_LIST, "db=127.0.0.1:9/acme/db"),
                "127.0.0.1:9/acme/db:1.0.0");
    }

    public static CycleResult cycle(CycleRunner runner) {
        return runner.runOnce(
                        new CycleOptions(new ApplicationFilter(Set.of("shop", "billing"), List.of(), null), false, 4))
                .orElseThrow();
    }

    static void create(
            KubernetesClient client, String namespace, String name, Map<String, String> annotations, String live) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of(
                "repoURL", "https://127.0.0.1:9/shop.git", "path", "overlays/" + name, "targetRevision", "HEAD"));
        Map<String, Object> spec = new HashMap<>(Map.of(
                "project",
                "default",
                "source",
                source,
                "destination",
                Map.of("server", "https://kubernetes.default.svc", "namespace", namespace)));
        Map<String, Object> status = Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(namespace)
                .resource(Applications.application(namespace, name, Map.of(), annotations, spec, status))
                .create();
    }
}
