package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.testing.ArgoCdSchema;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Application shape Argo CD v3.5 allows, through the whole cycle against the mock API server, a real
 * docker-registry and real Git repositories. Fixtures are written as Argo CD writes them (field names checked
 * against its Application CRD); each test asserts the image landed exactly where Argo CD reads it and that the rest
 * of the Application (and of the repository) is unchanged.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ApplicationShapesCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("shapes");
    private static final String P = "argocd-image-updater.argoproj.io/";
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
        registry.pushAll("acme/web", "1.0.0", "1.0.1", "1.1.0");
        registry.pushAll("acme/api", "0.1.0", "0.2.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void multiSourceTypedByStatusSourceTypesWritesTheHelmSourceTheStatusNames() {
        String ns = NAMESPACES.next();
        // sources[1] has no helm key: only status.sourceTypes says it is a Helm chart (Chart.yaml in charts/web)
        GenericKubernetesResource before = create("""
                metadata:
                  name: shop
                  namespace: %s
                  annotations:
                    %simage-list: web=%s
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  sources:
                  - repoURL: https://git.example.com/shop.git
                    path: deploy/plain
                    targetRevision: HEAD
                    directory: {recurse: true}
                  - repoURL: https://git.example.com/shop.git
                    path: charts/web
                    targetRevision: HEAD
                status:
                  sourceTypes: [Directory, Helm]
                  summary: {images: ["%s:1.0.0"]}
                """.formatted(ns, P, web, web));

        run(ns);

        Map<String, Object> expected = copy(spec(before));
        source(expected, 1)
                .put(
                        "helm",
                        Map.of("parameters", List.of(parameter("image.name", web), parameter("image.tag", "1.1.0"))));
        assertEquals(expected, spec(apps.read(ns, "shop")));
    }

    @Test
    void namedSourcesTakeEachImageInTheSourceItsSourceNameNames() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource before = create("""
                metadata:
                  name: shop
                  namespace: %1$s
                  annotations:
                    %2$simage-list: web=%3$s,api=%4$s
                    %2$sapi.source-name: backend
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  sources:
                  - name: config
                    repoURL: https://git.example.com/config.git
                    targetRevision: HEAD
                    ref: config
                  - name: frontend
                    repoURL: https://git.example.com/shop.git
                    path: frontend
                    targetRevision: HEAD
                    kustomize:
                      images: ["%3$s:1.0.0"]
                  - name: backend
                    repoURL: https://git.example.com/shop.git
                    path: backend
                    targetRevision: HEAD
                    kustomize:
                      namePrefix: be-
                status:
                  sourceTypes: [Directory, Kustomize, Kustomize]
                  summary: {images: ["%3$s:1.0.0", "%4$s:0.1.0"]}
                """.formatted(ns, P, web, api));

        run(ns);

        Map<String, Object> expected = copy(spec(before));
        kustomize(source(expected, 1)).put("images", List.of(web + ":1.1.0"));
        kustomize(source(expected, 2)).put("images", List.of(api + ":0.2.0"));
        assertEquals(expected, spec(apps.read(ns, "shop")));
    }

    @Test
    void sourceHydratorApplicationGetsTheDrySourceParametersNeverDirectory() {
        String ns = NAMESPACES.next();
        // Argo CD reports the hydrated manifests as Directory; the dry source is Helm
        GenericKubernetesResource before = create("""
                metadata:
                  name: shop
                  namespace: %s
                  annotations:
                    %simage-list: web=%s
                    %sweb.helm.image-name: image.repository
                    %sweb.helm.image-tag: image.tag
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  sourceHydrator:
                    drySource:
                      repoURL: https://git.example.com/shop.git
                      path: charts/web
                      targetRevision: main
                      helm:
                        valueFiles: [values.yaml]
                        parameters:
                        - {name: replicas, value: "2"}
                        - {name: image.tag, value: 1.0.0}
                    syncSource:
                      targetBranch: env/prod
                      path: prod/web
                    hydrateTo:
                      targetBranch: env/prod-next
                status:
                  sourceType: Directory
                  sourceHydrator:
                    currentOperation:
                      drySHA: 0123456789abcdef0123456789abcdef01234567
                      phase: Hydrated
                      sourceHydrator:
                        drySource: {repoURL: https://git.example.com/shop.git, path: charts/web, targetRevision: main, helm: {valueFiles: [values.yaml]}}
                        syncSource: {targetBranch: env/prod, path: prod/web}
                  summary: {images: ["%s:1.0.0"]}
                """.formatted(ns, P, web, P, P, web));

        run(ns);

        Map<String, Object> expected = copy(spec(before));
        Map<String, Object> dry = drySource(expected);
        Map<String, Object> helm = map(dry.get("helm"));
        helm.put(
                "parameters",
                List.of(
                        Map.of("name", "replicas", "value", "2"),
                        parameter("image.tag", "1.1.0"),
                        parameter("image.repository", web)));
        assertEquals(expected, spec(apps.read(ns, "shop")));
    }

    @Test
    void pluginSourceGetsPluginEnvEntries() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource before = create("""
                metadata:
                  name: shop
                  namespace: %s
                  annotations:
                    %simage-list: web=%s
                    %sweb.plugin.image-name: WEB_IMAGE
                    %sweb.plugin.image-tag: WEB_TAG
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  source:
                    repoURL: https://git.example.com/shop.git
                    path: deploy
                    targetRevision: HEAD
                    plugin:
                      name: envsubst
                      env:
                      - {name: REPLICAS, value: "3"}
                      - {name: WEB_TAG, value: 1.0.0}
                status:
                  sourceType: Plugin
                  summary: {images: ["%s:1.0.0"]}
                """.formatted(ns, P, web, P, P, web));

        run(ns);

        Map<String, Object> expected = copy(spec(before));
        map(map(expected.get("source")).get("plugin"))
                .put(
                        "env",
                        List.of(
                                Map.of("name", "REPLICAS", "value", "3"),
                                Map.of("name", "WEB_TAG", "value", "1.1.0"),
                                Map.of("name", "WEB_IMAGE", "value", web)));
        assertEquals(expected, spec(apps.read(ns, "shop")));
    }

    @Test
    void twoAliasesOfOneImageAreWrittenIndependently() {
        String ns = NAMESPACES.next();
        GenericKubernetesResource helm = create("""
                metadata:
                  name: shop
                  namespace: %1$s
                  annotations:
                    %2$simage-list: fe=%3$s:~1.0,be=%3$s
                    %2$sfe.helm.image-name: frontend.image.repository
                    %2$sfe.helm.image-tag: frontend.image.tag
                    %2$sbe.helm.image-name: backend.image.repository
                    %2$sbe.helm.image-tag: backend.image.tag
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  source:
                    repoURL: https://charts.example.com
                    chart: shop
                    targetRevision: 1.0.0
                    helm:
                      parameters:
                      - {name: frontend.image.tag, value: 1.0.0}
                      - {name: backend.image.tag, value: 1.0.0}
                status:
                  sourceType: Helm
                  summary: {images: ["%3$s:1.0.0"]}
                """.formatted(ns, P, web));
        GenericKubernetesResource kustomize = create("""
                metadata:
                  name: shop-k
                  namespace: %1$s
                  annotations:
                    %2$simage-list: fe=%3$s:~1.0,be=%3$s:~1.1
                    %2$sfe.kustomize.image-name: frontend
                    %2$sbe.kustomize.image-name: backend
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  source:
                    repoURL: https://git.example.com/shop.git
                    path: overlays/prod
                    targetRevision: HEAD
                    kustomize:
                      images: ["frontend=%3$s:1.0.0", "backend=%3$s:1.0.0"]
                status:
                  sourceType: Kustomize
                  summary: {images: ["%3$s:1.0.0"]}
                """.formatted(ns, P, web));

        run(ns);

        Map<String, Object> expected = copy(spec(helm));
        map(map(expected.get("source")).get("helm"))
                .put(
                        "parameters",
                        List.of(
                                parameter("frontend.image.tag", "1.0.1"),
                                parameter("backend.image.tag", "1.1.0"),
                                parameter("frontend.image.repository", web),
                                parameter("backend.image.repository", web)));
        assertEquals(expected, spec(apps.read(ns, "shop")));
        Map<String, Object> expectedK = copy(spec(kustomize));
        kustomize(map(expectedK.get("source")))
                .put("images", List.of("frontend=" + web + ":1.0.1", "backend=" + web + ":1.1.0"));
        assertEquals(expectedK, spec(apps.read(ns, "shop-k")));
    }

    @Test
    void chartWithValuesFromAGitRefSourceCommitsToTheValuesRepository() {
        String ns = NAMESPACES.next();
        String values = "replicas: 2\nimage:\n  repository: " + web + "\n  tag: 1.0.0 # pinned by CI\n";
        try (GitRemote remote = GitRemote.create(Map.of("envs/prod/values.yaml", values, "README.md", "values\n"))) {
            GenericKubernetesResource before = create("""
                    metadata:
                      name: shop
                      namespace: %1$s
                      annotations:
                        %2$simage-list: web=%3$s
                        %2$sweb.helm.image-name: image.repository
                        %2$sweb.helm.image-tag: image.tag
                        %2$swrite-back-method: git
                        %2$swrite-back-target: helmvalues
                    spec:
                      project: default
                      destination: {server: https://kubernetes.default.svc, namespace: shop}
                      sources:
                      - repoURL: https://charts.example.com
                        chart: web
                        targetRevision: 1.2.0
                        helm:
                          valueFiles: ["$values/envs/prod/values.yaml"]
                      - repoURL: %4$s
                        targetRevision: HEAD
                        ref: values
                    status:
                      sourceTypes: [Helm, Directory]
                      summary: {images: ["%3$s:1.0.0"]}
                    """.formatted(ns, P, web, remote.fileUrl()));

            run(ns);

            assertEquals(values.replace("tag: 1.0.0", "tag: 1.1.0"), remote.file("main", "envs/prod/values.yaml"));
            assertEquals("values\n", remote.file("main", "README.md"));
            assertEquals(2, remote.log("main").size());
            assertEquals(spec(before), spec(apps.read(ns, "shop")));
        }
    }

    @Test
    void sourceHydratorGitWriteBackCommitsToTheDrySourceRevisionAtItsPath() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("README.md", "shop\n"))) {
            remote.commitAsSomeoneElse(
                    "dev",
                    Map.of("apps/web/kustomization.yaml", "images:\n- name: " + web + "\n  newTag: 1.0.0\n"),
                    "dry");
            String hydrated = remote.commitAsSomeoneElse(
                            "env/prod", Map.of("prod/web/manifest.yaml", "kind: List\n"), "hydrated")
                    .name();
            GenericKubernetesResource before = create("""
                    metadata:
                      name: shop
                      namespace: %1$s
                      annotations:
                        %2$simage-list: web=%3$s
                        %2$swrite-back-method: git
                        %2$swrite-back-target: kustomization
                    spec:
                      project: default
                      destination: {server: https://kubernetes.default.svc, namespace: shop}
                      sourceHydrator:
                        drySource: {repoURL: %4$s, path: apps/web, targetRevision: dev}
                        syncSource: {targetBranch: env/prod, path: prod/web}
                    status:
                      sourceType: Directory
                      sourceHydrator:
                        lastSuccessfulOperation:
                          drySHA: 0123456789abcdef0123456789abcdef01234567
                          sourceHydrator:
                            drySource: {repoURL: %4$s, path: apps/web, targetRevision: dev, kustomize: {}}
                            syncSource: {targetBranch: env/prod, path: prod/web}
                      summary: {images: ["%3$s:1.0.0"]}
                    """.formatted(ns, P, web, remote.fileUrl()));

            run(ns);

            assertEquals(
                    "images:\n- name: " + web + "\n  newTag: 1.1.0\n",
                    remote.file("dev", "apps/web/kustomization.yaml"));
            assertEquals(
                    hydrated, remote.log("env/prod").get(0).name(), "the hydrated branch is Argo CD's, never ours");
            assertEquals(1, remote.log("main").size());
            assertEquals(spec(before), spec(apps.read(ns, "shop")));
        }
    }

    @Test
    void pluginSourceGitWriteBackWritesPluginEnvToTheArgocdSourceFile() {
        String ns = NAMESPACES.next();
        try (GitRemote remote = GitRemote.create(Map.of("deploy/app.yaml", "kind: List\n"))) {
            GenericKubernetesResource before = create("""
                    metadata:
                      name: shop
                      namespace: %1$s
                      annotations:
                        %2$simage-list: web=%3$s
                        %2$sweb.plugin.image-spec: WEB_IMAGE
                        %2$swrite-back-method: git
                    spec:
                      project: default
                      destination: {server: https://kubernetes.default.svc, namespace: shop}
                      source:
                        repoURL: %4$s
                        path: deploy
                        targetRevision: HEAD
                        plugin: {name: envsubst}
                    status:
                      sourceType: Plugin
                      summary: {images: ["%3$s:1.0.0"]}
                    """.formatted(ns, P, web, remote.fileUrl()));

            run(ns);

            assertEquals(
                    "plugin:\n  env:\n  - name: WEB_IMAGE\n    value: " + web + ":1.1.0\n",
                    remote.file("main", "deploy/.argocd-source-" + ns + "_shop.yaml"));
            assertEquals("kind: List\n", remote.file("main", "deploy/app.yaml"));
            assertEquals(spec(before), spec(apps.read(ns, "shop")));
        }
    }

    @Test
    void twoAliasesOfOneImageLandInOneGitCommitWithoutClobbering() {
        String ns = NAMESPACES.next();
        String values = "frontend:\n  image:\n    tag: 1.0.0\nbackend:\n  image:\n    tag: 1.0.0\n";
        try (GitRemote remote = GitRemote.create(Map.of("shop/values.yaml", values))) {
            create("""
                    metadata:
                      name: shop
                      namespace: %1$s
                      annotations:
                        %2$simage-list: fe=%3$s:~1.0,be=%3$s
                        %2$sfe.helm.image-tag: frontend.image.tag
                        %2$sfe.helm.image-name: frontend.image.repository
                        %2$sbe.helm.image-tag: backend.image.tag
                        %2$sbe.helm.image-name: backend.image.repository
                        %2$swrite-back-method: git
                        %2$swrite-back-target: helmvalues
                    spec:
                      project: default
                      destination: {server: https://kubernetes.default.svc, namespace: shop}
                      source: {repoURL: %4$s, path: shop, targetRevision: HEAD, helm: {valueFiles: [values.yaml]}}
                    status:
                      sourceType: Helm
                      summary: {images: ["%3$s:1.0.0"]}
                    """.formatted(ns, P, web, remote.fileUrl()));

            run(ns);

            assertEquals(
                    "frontend:\n  image:\n    tag: 1.0.1\n    repository: " + web
                            + "\nbackend:\n  image:\n    tag: 1.1.0\n" + "    repository: " + web + "\n",
                    remote.file("main", "shop/values.yaml"));
            assertEquals(2, remote.log("main").size());
        }
    }

    private void run(String ns) {
        CycleResult result = cycle.run(options(ns));
        assertFalse(result.hasErrors(), result.summary() + " " + result.applications());
    }

    /** Creates the Application from YAML in Argo CD's shape, after checking its field names against the CRD. */
    private GenericKubernetesResource create(String yaml) {
        GenericKubernetesResource app = client.getKubernetesSerialization()
                .unmarshal(
                        "apiVersion: argoproj.io/v1alpha1\nkind: Application\n" + yaml,
                        GenericKubernetesResource.class);
        assertEquals(List.of(), ArgoCdSchema.unknownFields(app), "fixture fields unknown to Argo CD's CRD");
        return apps.create(app);
    }

    private static Map<String, Object> spec(GenericKubernetesResource app) {
        return map(app.getAdditionalProperties().get("spec"));
    }

    private static Map<String, Object> parameter(String name, String value) {
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", name);
        parameter.put("value", value);
        parameter.put("forceString", true);
        return parameter;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> spec, int index) {
        return (Map<String, Object>) ((List<Object>) spec.get("sources")).get(index);
    }

    private static Map<String, Object> drySource(Map<String, Object> spec) {
        return map(map(spec.get("sourceHydrator")).get("drySource"));
    }

    private static Map<String, Object> kustomize(Map<String, Object> source) {
        return map(source.computeIfAbsent("kustomize", k -> new LinkedHashMap<>()));
    }

    /** A deep, mutable copy. */
    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), copy(v)));
            return (T) result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(copy(item)));
            return (T) result;
        }
        return value;
    }
}
