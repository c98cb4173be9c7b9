package io.imageupdater.writeback.git;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Secrets and AppProjects in the mock API server, as Argo CD keeps them, for Git write-back tests. */
final class GitCluster {
    private GitCluster() {}

    /** A Secret, labelled with Argo CD's {@code secret-type} when {@code argocdType} is given. */
    static void secret(KubernetesClient client, String ns, String name, Map<String, String> data, String argocdType) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(ns)
                        .withLabels(
                                argocdType == null
                                        ? Map.of()
                                        : Map.of(GitCredentialSource.SECRET_TYPE_LABEL, argocdType))
                        .endMetadata()
                        .withData(encoded)
                        .build())
                .create();
    }

    /** An AppProject with the given {@code spec.sourceRepos} and {@code spec.sourceNamespaces}. */
    static void appProject(
            KubernetesClient client, String ns, String name, List<String> sourceRepos, List<String> sourceNamespaces) {
        GenericKubernetesResource project = new GenericKubernetesResource();
        project.setApiVersion("argoproj.io/v1alpha1");
        project.setKind("AppProject");
        project.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("sourceRepos", sourceRepos);
        spec.put("sourceNamespaces", sourceNamespaces);
        spec.put("destinations", List.of(Map.of("server", "*", "namespace", "*")));
        project.setAdditionalProperty("spec", spec);
        client.genericKubernetesResources(AppProjectRules.CONTEXT)
                .inNamespace(ns)
                .resource(project)
                .create();
    }
}
