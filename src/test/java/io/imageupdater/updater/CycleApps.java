package io.imageupdater.updater;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kustomize Applications in the mock API server, for cycle tests. */
final class CycleApps {
    private final KubernetesClient client;

    CycleApps(KubernetesClient client) {
        this.client = client;
    }

    static CycleOptions options(String namespace) {
        return new CycleOptions(new ApplicationFilter(Set.of(namespace), List.of(), null), false, 4);
    }

    void create(String ns, String name, Map<String, String> annotations, String live) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("repoURL", "https://git.example.com/shop.git",
                "path", "overlays/prod", "targetRevision", "HEAD"));
        Map<String, Object> spec = new HashMap<>(Map.of("project", "default", "source", source,
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns)));
        Map<String, Object> status = Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        GenericKubernetesResource app = Applications.application(ns, name, Map.of(), annotations, spec, status);
        client.genericKubernetesResources(ArgoApplication.CONTEXT).inNamespace(ns).resource(app).create();
    }

    @SuppressWarnings("unchecked")
    List<String> kustomizeImages(String ns, String name) {
        return (List<String>) client.genericKubernetesResources(ArgoApplication.CONTEXT).inNamespace(ns).withName(name)
                .get().get("spec", "source", "kustomize", "images");
    }

    static ImageOutcome outcome(CycleResult result, String app) {
        return result.applications().stream().filter(a -> a.application().equals(app)).findFirst().orElseThrow()
                .images().get(0);
    }
}
