package io.imageupdater.kubeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.KubeApi;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteResult;
import io.imageupdater.writeback.argocd.ApplicationEvents;
import io.imageupdater.writeback.argocd.ApplicationPatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The argocd write-back's JSON Patches for multi-source, SourceHydrator and Plugin Applications against a real
 * API server with Argo CD's own Application CRD (structural, pruning): every patch is accepted, lands where Argo CD
 * reads it, and nothing else of the Application changes or is pruned.
 */
class ShapesKubeApiIT {
    private static final String NS = "shapes";
    private static final String P = "argocd-image-updater.argoproj.io/";
    private static KubeApi api;
    private static ApplicationPatcher patcher;

    @BeforeAll
    static void start() {
        api = KubeApi.start("shapes");
        api.installArgoCdCrds();
        KubernetesClient admin = api.admin();
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());
        patcher = new ApplicationPatcher(admin, metrics, new ApplicationEvents(admin, metrics, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void namedMultiSourceHydratorAndPluginPatchesAreAcceptedAndLandWhereArgoCdReads() {
        String multi = """
                metadata:
                  name: multi
                  namespace: %1$s
                  annotations:
                    %2$simage-list: web=ghcr.io/acme/web,api=ghcr.io/acme/api
                    %2$sapi.source-name: backend
                    %2$sweb.plugin.image-name: WEB_IMAGE
                    %2$sweb.plugin.image-tag: WEB_TAG
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  sources:
                  - {repoURL: https://git.example.com/values.git, targetRevision: HEAD, ref: values}
                  - name: frontend
                    repoURL: https://git.example.com/shop.git
                    path: frontend
                    plugin: {name: envsubst, env: [{name: REPLICAS, value: "2"}]}
                  - name: backend
                    repoURL: https://charts.example.com
                    chart: api
                    targetRevision: 1.0.0
                    helm: {valueFiles: [$values/api.yaml], parameters: [{name: replicas, value: "2"}]}
                status:
                  sourceTypes: [Directory, Plugin, Helm]
                  summary: {images: [ghcr.io/acme/web:1.0.0, ghcr.io/acme/api:1.0.0]}
                """.formatted(NS, P);
        GenericKubernetesResource before = create(multi);

        WriteResult result = write(before, "web", "api");

        assertNull(result.error(), result.error());
        assertEquals(2, result.applied().size());
        GenericKubernetesResource after = read("multi");
        assertEquals(
                List.of(
                        Map.of("name", "REPLICAS", "value", "2"),
                        Map.of("name", "WEB_IMAGE", "value", "ghcr.io/acme/web"),
                        Map.of("name", "WEB_TAG", "value", "1.1.0")),
                after.get("spec", "sources", 1, "plugin", "env"));
        assertEquals(
                List.of(
                        Map.of("name", "replicas", "value", "2"),
                        Map.of("name", "image.name", "value", "ghcr.io/acme/api", "forceString", true),
                        Map.of("name", "image.tag", "value", "1.1.0", "forceString", true)),
                after.get("spec", "sources", 2, "helm", "parameters"));
        assertEquals((Object) before.get("spec", "sources", 0), after.get("spec", "sources", 0));
        assertEquals(
                (Object) before.get("spec", "sources", 2, "helm", "valueFiles"),
                after.get("spec", "sources", 2, "helm", "valueFiles"));
        assertEquals((Object) before.get("status"), after.get("status"));
    }

    @Test
    void aSourceHydratorApplicationGetsItsDrySourceParameters() {
        GenericKubernetesResource before = create("""
                metadata:
                  name: hydrated
                  namespace: %1$s
                  annotations:
                    %2$simage-list: web=ghcr.io/acme/web
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  sourceHydrator:
                    drySource: {repoURL: https://git.example.com/shop.git, path: apps/web, targetRevision: main, kustomize: {namePrefix: prod-}}
                    syncSource: {targetBranch: env/prod, path: prod/web}
                    hydrateTo: {targetBranch: env/prod-next}
                status:
                  sourceType: Directory
                  summary: {images: [ghcr.io/acme/web:1.0.0]}
                """.formatted(NS, P));

        WriteResult result = write(before, "web");

        assertNull(result.error(), result.error());
        GenericKubernetesResource after = read("hydrated");
        assertEquals(
                Map.of("namePrefix", "prod-", "images", List.of("ghcr.io/acme/web:1.1.0")),
                after.get("spec", "sourceHydrator", "drySource", "kustomize"));
        assertEquals(
                (Object) before.get("spec", "sourceHydrator", "syncSource"),
                after.get("spec", "sourceHydrator", "syncSource"));
        assertEquals(
                (Object) before.get("spec", "sourceHydrator", "hydrateTo"),
                after.get("spec", "sourceHydrator", "hydrateTo"));
    }

    /** Writes 1.0.0 -> 1.1.0 for each alias. */
    private static WriteResult write(GenericKubernetesResource resource, String... aliases) {
        ArgoApplication app = ArgoApplication.from(resource);
        ApplicationSpec spec = ApplicationSpecParser.parse(app.annotations(), app.ref());
        List<PlannedChange> changes = spec.images().stream()
                .filter(image -> List.of(aliases).contains(image.alias()))
                .map(ShapesKubeApiIT::change)
                .toList();
        return patcher.write(app, changes, false);
    }

    private static PlannedChange change(ImageSpec image) {
        ImageRef ref = image.entry().image();
        return new PlannedChange(image, new ImageChange(image.alias(), ref.withTag("1.0.0"), ref.withTag("1.1.0")));
    }

    private static GenericKubernetesResource create(String yaml) {
        KubernetesClient admin = api.admin();
        GenericKubernetesResource app = admin.getKubernetesSerialization()
                .unmarshal(
                        "apiVersion: argoproj.io/v1alpha1\nkind: Application\n" + yaml,
                        GenericKubernetesResource.class);
        return admin.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .resource(app)
                .create();
    }

    private static GenericKubernetesResource read(String name) {
        return api.admin()
                .genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .withName(name)
                .get();
    }
}
