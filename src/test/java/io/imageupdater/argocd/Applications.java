package io.imageupdater.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.HashMap;
import java.util.Map;

/** Test fixtures: Argo CD Applications as generic resources. */
public final class Applications {
    private Applications() {}

    public static GenericKubernetesResource application(
            String namespace,
            String name,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, Object> spec,
            Map<String, Object> status) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(ArgoApplication.API_VERSION)
                .withKind(ArgoApplication.KIND)
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spec", spec);
        if (status != null) {
            properties.put("status", status);
        }
        resource.setAdditionalProperties(properties);
        return resource;
    }

    public static Map<String, String> imageList(String list) {
        return Map.of(Annotations.IMAGE_LIST, list);
    }
}
