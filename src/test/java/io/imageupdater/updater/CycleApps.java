package io.imageupdater.updater;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Kustomize and Helm Applications in the mock API server, and the cycle options to run over them, for cycle tests. */
@Singleton
final class CycleApps {
    private final KubernetesClient client;

    @Inject
    CycleApps(KubernetesClient client) {
        this.client = client;
    }

    /** Waits until {@code condition} holds, failing the test after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static CycleOptions options(String namespace) {
        return options(namespace, false);
    }

    static CycleOptions options(String namespace, boolean dryRun) {
        return new CycleOptions(filter(namespace), dryRun, 4);
    }

    /** Not a dry run; {@code annotations} says whether Applications outside every ImageUpdater resource count. */
    static CycleOptions optionsWithAnnotations(String namespace, boolean annotations) {
        return new CycleOptions(filter(namespace), false, 4, annotations);
    }

    private static ApplicationFilter filter(String namespace) {
        return new ApplicationFilter(Set.of(namespace), List.of(), null);
    }

    static GenericKubernetesResource kustomize(String ns, String name, Map<String, String> annotations, String live) {
        return kustomize(ns, name, Map.of(), annotations, live);
    }

    static GenericKubernetesResource kustomize(
            String ns, String name, Map<String, String> labels, Map<String, String> annotations, String live) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of(
                "repoURL", "https://git.example.com/shop.git", "path", "overlays/prod", "targetRevision", "HEAD"));
        return application(ns, name, labels, annotations, source, "Kustomize", live);
    }

    static GenericKubernetesResource helm(String ns, String name, Map<String, String> annotations, String live) {
        Map<String, Object> source = new LinkedHashMap<>(
                Map.of("repoURL", "https://charts.example.com", "chart", "billing", "targetRevision", "1.0.0"));
        return application(ns, name, Map.of(), annotations, source, "Helm", live);
    }

    /** An Application whose source is {@code path} in the Git repository at {@code repoUrl}, at HEAD. */
    static GenericKubernetesResource inRepository(
            String ns,
            String name,
            String repoUrl,
            String path,
            String sourceType,
            Map<String, String> annotations,
            String live) {
        Map<String, Object> source =
                new LinkedHashMap<>(Map.of("repoURL", repoUrl, "path", path, "targetRevision", "HEAD"));
        return application(ns, name, Map.of(), annotations, source, sourceType, live);
    }

    private static GenericKubernetesResource application(
            String ns,
            String name,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, Object> source,
            String sourceType,
            String live) {
        Map<String, Object> spec = new HashMap<>(Map.of(
                "project",
                "default",
                "source",
                source,
                "destination",
                Map.of("server", "https://kubernetes.default.svc", "namespace", ns)));
        Map<String, Object> status = Map.of("sourceType", sourceType, "summary", Map.of("images", List.of(live)));
        return Applications.application(ns, name, labels, annotations, spec, status);
    }

    GenericKubernetesResource create(GenericKubernetesResource app) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(app.getMetadata().getNamespace())
                .resource(app)
                .create();
    }

    GenericKubernetesResource read(String ns, String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .get();
    }

    String resourceVersion(String ns, String name) {
        return read(ns, name).getMetadata().getResourceVersion();
    }

    /** The value at {@code spec.<path>} of the Application as it is now, or null. */
    @SuppressWarnings("unchecked")
    <T> T spec(String ns, String name, String... path) {
        Object[] full = new Object[path.length + 1];
        full[0] = "spec";
        System.arraycopy(path, 0, full, 1, path.length);
        return (T) read(ns, name).get(full);
    }

    List<String> kustomizeImages(String ns, String name) {
        return spec(ns, name, "source", "kustomize", "images");
    }

    static ImageOutcome outcome(CycleResult result, String app) {
        return result.applications().stream()
                .filter(a -> a.application().equals(app))
                .findFirst()
                .orElseThrow()
                .images()
                .get(0);
    }

    /** Why an Application failed: its own first error, else its first image's. */
    static FailureReason failure(CycleResult result, String app) {
        ApplicationResult found = result.applications().stream()
                .filter(a -> a.application().equals(app))
                .findFirst()
                .orElseThrow();
        return found.errors().isEmpty()
                ? found.images().get(0).reason()
                : found.errors().get(0).reason();
    }
}
