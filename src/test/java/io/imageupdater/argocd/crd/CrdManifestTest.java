package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.strategy.UpdateStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CRD a user applies, and the README's example resource read through the model and back. */
class CrdManifestTest {
    static final Path CRD = Path.of("kubernetes/crd-imageupdaters.yaml");
    static final Path README = Path.of("README.md");
    static final Path EXAMPLE = Path.of("src/test/resources/argocd/imageupdater-example.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void crdDeclaresTheUpstreamGroupNamesAndVersion() throws IOException {
        Map<String, Object> crd = crd();
        assertEquals("apiextensions.k8s.io/v1", crd.get("apiVersion"));
        assertEquals("imageupdaters.argocd-image-updater.argoproj.io", get(crd, "metadata", "name"));
        assertEquals(ImageUpdaterResource.GROUP, get(crd, "spec", "group"));
        assertEquals("Namespaced", get(crd, "spec", "scope"));
        assertEquals(
                Map.of(
                        "kind",
                        "ImageUpdater",
                        "listKind",
                        "ImageUpdaterList",
                        "plural",
                        "imageupdaters",
                        "singular",
                        "imageupdater"),
                get(crd, "spec", "names"));
        Map<String, Object> version = version(crd);
        assertEquals(ImageUpdaterResource.VERSION, version.get("name"));
        assertEquals(true, version.get("served"));
        assertEquals(true, version.get("storage"));
        assertEquals(Map.of(), get(version, "subresources", "status"), "status is a subresource");
    }

    @Test
    void crdSchemaKeepsUpstreamValidationRules() throws IOException {
        Map<String, Object> spec = specSchema();
        assertEquals(List.of("applicationRefs"), spec.get("required"));
        Map<String, Object> ref = get(spec, "properties", "applicationRefs", "items");
        assertEquals(List.of("namePattern"), get(spec, "properties", "applicationRefs", "x-kubernetes-list-map-keys"));
        Map<String, Object> image = get(ref, "properties", "images", "items");
        assertEquals(List.of("alias", "imageName"), image.get("required"));
        assertEquals("^[a-zA-Z0-9][a-zA-Z0-9-._]*$", get(image, "properties", "alias", "pattern"));
        List<Map<String, Object>> rules = get(image, "properties", "manifestTargets", "x-kubernetes-validations");
        // upstream's "exactly one of helm or kustomize", widened only by the additive plugin and sourceName fields
        assertEquals(
                "has(self.plugin) ? !has(self.helm) && !has(self.kustomize) : (has(self.helm) ? !has(self.kustomize)"
                        + " : (has(self.kustomize) || has(self.sourceName)))",
                rules.get(0).get("rule"));
        assertEquals(
                "^(argocd|git|git:[a-zA-Z0-9][a-zA-Z0-9-._/:]*)$",
                get(spec, "properties", "writeBackConfig", "properties", "method", "pattern"));
        assertEquals(
                List.of("name", "tag"), get(image, "properties", "manifestTargets", "properties", "helm", "required"));
        for (String field : List.of(
                "observedGeneration",
                "lastCheckedAt",
                "lastUpdatedAt",
                "applicationsMatched",
                "imagesManaged",
                "recentUpdates",
                "conditions")) {
            assertNotNull(
                    get(version(crd()), "schema", "openAPIV3Schema", "properties", "status", "properties", field),
                    field);
        }
    }

    @Test
    void nestedSettingsCarryNoDefaultsSoPartialOverridesInherit() throws IOException {
        Map<String, Object> spec = specSchema();
        assertEquals(
                "semver", get(spec, "properties", "commonUpdateSettings", "properties", "updateStrategy", "default"));
        Map<String, Object> ref = get(spec, "properties", "applicationRefs", "items", "properties");
        assertFalse(
                ((Map<?, ?>) get(ref, "commonUpdateSettings", "properties", "updateStrategy")).containsKey("default"));
        assertFalse(((Map<?, ?>) get(ref, "writeBackConfig")).containsKey("required"));
        assertFalse(((Map<?, ?>) get(ref, "writeBackConfig", "properties", "method")).containsKey("default"));
    }

    @Test
    void exampleUsesOnlyFieldsTheSchemaDeclares() throws IOException {
        Map<String, Object> example = YAML.readValue(exampleText(), Map.class);
        List<String> unknown = new ArrayList<>();
        undeclared(example.get("spec"), specSchema(), "spec", unknown);
        assertEquals(List.of(), unknown);
    }

    @Test
    void exampleRoundTripsThroughTheModel() throws IOException {
        String text = exampleText();
        GenericKubernetesResource generic = Serialization.unmarshal(text, GenericKubernetesResource.class);
        assertEquals(ImageUpdaterResource.API_VERSION, generic.getApiVersion());
        assertEquals(ImageUpdaterResource.KIND, generic.getKind());
        ImageUpdaterResource resource = ImageUpdaterResource.from(generic);

        Map<String, Object> original = YAML.readValue(text, Map.class);
        assertEquals(original.get("spec"), ImageUpdaterResource.toMap(resource.spec()));
        assertFalse(resource.spec().applicationRefs().isEmpty());
        ResourceRules rules = ResourceRules.compile(resource);
        assertEquals(List.of(), rules.problems(), "the README example is valid");
        for (ApplicationRule rule : rules.rules()) {
            for (var config : rule.ref().images()) {
                ImageSpec image = ResourceSettings.imageSpec(
                        io.imageupdater.image.ImageListEntry.parse(config.alias() + "=" + config.imageName()),
                        resource.spec().commonUpdateSettings() == null
                                ? ImageUpdaterSpec.UpdateSettings.NONE
                                : resource.spec()
                                        .commonUpdateSettings()
                                        .overriddenBy(rule.ref().commonUpdateSettings())
                                        .overriddenBy(config.commonUpdateSettings()),
                        config.manifestTargets());
                assertTrue(UpdateStrategy.fromValue(image.strategyValue() == null ? "semver" : image.strategyValue())
                        .isPresent());
            }
            WriteBackMethod method =
                    ResourceSettings.writeBack(resource.spec(), rule.ref()).method();
            assertNotNull(method);
        }
    }

    /** Records every key of {@code value} that the schema does not declare. */
    @SuppressWarnings("unchecked")
    private static void undeclared(Object value, Map<String, Object> schema, String path, List<String> unknown) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            if (properties == null) {
                return; // additionalProperties (matchLabels)
            }
            map.forEach((key, child) -> {
                Object declared = properties.get(key);
                if (declared == null) {
                    unknown.add(path + "." + key);
                } else {
                    undeclared(child, (Map<String, Object>) declared, path + "." + key, unknown);
                }
            });
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            list.forEach(item -> undeclared(item, (Map<String, Object>) items, path + "[]", unknown));
        }
    }

    /** The README's ImageUpdater example when README.md has one, else the test resource. */
    static String exampleText() throws IOException {
        if (Files.exists(README)) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(README));
            while (m.find()) {
                if (m.group(1).contains("kind: ImageUpdater")) {
                    return m.group(1);
                }
            }
        }
        return Files.readString(EXAMPLE);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> crd() throws IOException {
        return YAML.readValue(CRD.toFile(), Map.class);
    }

    private static Map<String, Object> specSchema() throws IOException {
        return get(version(crd()), "schema", "openAPIV3Schema", "properties", "spec");
    }

    private static Map<String, Object> version(Map<String, Object> crd) {
        List<Map<String, Object>> versions = get(crd, "spec", "versions");
        assertEquals(1, versions.size());
        return versions.get(0);
    }

    @SuppressWarnings("unchecked")
    static <T> T get(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            assertTrue(current instanceof Map<?, ?>, "no " + key + " in " + String.join(".", path));
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }
}
