package io.imageupdater.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks that an Application fixture uses only field names of Argo CD's own Application CRD (v3.5.1, from
 * {@link KubeApi#argoCdCrds()}), so that fixtures are shaped as Argo CD writes them.
 */
public final class ArgoCdSchema {

    private ArgoCdSchema() {}

    /** The fields of {@code spec} and {@code status} that the CRD's schema does not know; empty when all are known. */
    @SuppressWarnings("unchecked")
    public static List<String> unknownFields(GenericKubernetesResource application) {
        Map<String, Object> schema = applicationSchema();
        List<String> unknown = new ArrayList<>();
        for (String top : List.of("spec", "status")) {
            Object value = application.getAdditionalProperties().get(top);
            Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(top);
            walk(value, node, top, unknown);
        }
        return unknown;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, Map<String, Object> schema, String path, List<String> unknown) {
        if (schema == null || Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            Object additional = schema.get("additionalProperties");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (properties != null && properties.containsKey(key)) {
                    walk(entry.getValue(), (Map<String, Object>) properties.get(key), path + "." + key, unknown);
                } else if (additional instanceof Map<?, ?> each) {
                    walk(entry.getValue(), (Map<String, Object>) each, path + "." + key, unknown);
                } else {
                    unknown.add(path + "." + key);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), (Map<String, Object>) schema.get("items"), path + "[" + i + "]", unknown);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationSchema() {
        try {
            String text = Files.readString(KubeApi.argoCdCrds().resolve("application-crd.yaml"));
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            Map<String, Object> crd = new Yaml(options).load(text);
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            Map<String, Object> version = ((List<Map<String, Object>>) spec.get("versions")).get(0);
            return (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
