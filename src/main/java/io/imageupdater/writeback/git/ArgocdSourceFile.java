package io.imageupdater.writeback.git;

import io.imageupdater.image.ImageRef;
import io.imageupdater.image.InvalidImageReferenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code .argocd-source-<app>.yaml} file Argo CD merges into the application source: Kustomize image overrides
 * under {@code kustomize.images}, Helm parameters under {@code helm.parameters}. Entries for the updated images are
 * replaced in place, new ones appended; everything else in the file stays.
 */
public final class ArgocdSourceFile {

    private static final ValuePath KUSTOMIZE_IMAGES = ValuePath.of("kustomize", "images");
    private static final ValuePath HELM_PARAMETERS = ValuePath.of("helm", "parameters");
    private static final ValuePath PLUGIN_ENV = ValuePath.of("plugin", "env");

    private ArgocdSourceFile() {}

    /** {@code .argocd-source-<app>.yaml}, or {@code .argocd-source-<namespace>_<app>.yaml} outside Argo CD's namespace. */
    public static String fileName(String appName, String appNamespace, String argocdNamespace) {
        boolean qualified = appNamespace != null && !appNamespace.isBlank() && !appNamespace.equals(argocdNamespace);
        return ".argocd-source-" + (qualified ? appNamespace + "_" : "") + appName + ".yaml";
    }

    /** The file with the updates merged in; a new document for a missing or blank file; the same text when unchanged. */
    public static String apply(String textOrNull, SourceKind kind, List<ImageUpdate> updates) {
        String result = textOrNull == null || textOrNull.isBlank() ? "" : textOrNull;
        for (ImageUpdate update : updates) {
            try {
                if (kind == SourceKind.KUSTOMIZE) {
                    result = setKustomizeImage(result, update);
                } else {
                    for (Map.Entry<String, String> value : update.helmValues().entrySet()) {
                        result = setHelmParameter(result, value.getKey(), value.getValue());
                    }
                }
            } catch (FileEditException e) {
                throw new FileEditException(
                        "cannot write image " + update.alias() + " to the Argo CD source file: " + e.getMessage(), e);
            }
        }
        return result;
    }

    /**
     * The file with plugin env entries set under {@code plugin.env} ({@code name}/{@code value} items, as Argo CD
     * merges them into the source's {@code plugin}); an entry of the same name is replaced in place.
     */
    public static String applyPluginEnv(String textOrNull, String alias, Map<String, String> env) {
        String result = textOrNull == null || textOrNull.isBlank() ? "" : textOrNull;
        try {
            for (Map.Entry<String, String> entry : env.entrySet()) {
                result = setPluginEnv(result, entry.getKey(), entry.getValue());
            }
        } catch (FileEditException e) {
            throw new FileEditException(
                    "cannot write image " + alias + " to the Argo CD source file: " + e.getMessage(), e);
        }
        return result;
    }

    private static String setPluginEnv(String text, String name, String value) {
        YamlText yaml = YamlText.parse(text);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value);
        Object created = List.of(entry);
        Optional<Node> found = list(yaml, PLUGIN_ENV, created);
        if (found.isEmpty()) {
            return createList(yaml, PLUGIN_ENV, created);
        }
        Optional<MappingNode> existing = parameter(found.get(), name);
        if (existing.isEmpty()) {
            return yaml.appendToSequence((SequenceNode) found.get(), entry);
        }
        return yaml.setEntry(existing.get(), "value", value);
    }

    private static String setKustomizeImage(String text, ImageUpdate update) {
        String entry = update.kustomizeImage();
        YamlText yaml = YamlText.parse(text);
        Object created = List.of(entry);
        Optional<Node> found = list(yaml, KUSTOMIZE_IMAGES, created);
        if (found.isEmpty()) {
            return createList(yaml, KUSTOMIZE_IMAGES, created);
        }
        SequenceNode images = (SequenceNode) found.get();
        List<String> names = images.getValue().stream()
                .map(n -> n instanceof ScalarNode s ? originalName(s.getValue()) : "")
                .toList();
        OptionalInt index = KustomizationEditor.match(names, update.originalName());
        if (index.isPresent()) {
            return yaml.replaceScalar((ScalarNode) images.getValue().get(index.getAsInt()), entry);
        }
        return yaml.appendToSequence(images, entry);
    }

    private static String setHelmParameter(String text, String name, String value) {
        YamlText yaml = YamlText.parse(text);
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", name);
        parameter.put("value", value);
        parameter.put("forceString", new YamlScalars.Raw("true"));
        Object created = List.of(parameter);
        Optional<Node> found = list(yaml, HELM_PARAMETERS, created);
        if (found.isEmpty()) {
            return createList(yaml, HELM_PARAMETERS, created);
        }
        if (parameter(found.get(), name).isEmpty()) {
            return yaml.appendToSequence((SequenceNode) found.get(), parameter);
        }
        String result = yaml.setEntry(parameter(found.get(), name).orElseThrow(), "value", value);
        YamlText updated = YamlText.parse(result);
        return updated.setEntry(
                parameter(list(updated, HELM_PARAMETERS, created).orElseThrow(), name)
                        .orElseThrow(),
                "forceString",
                new YamlScalars.Raw("true"));
    }

    private static Optional<MappingNode> parameter(Node parameters, String name) {
        return ((SequenceNode) parameters)
                .getValue().stream()
                        .filter(MappingNode.class::isInstance)
                        .map(MappingNode.class::cast)
                        .filter(p ->
                                YamlText.scalar(p, "name").filter(name::equals).isPresent())
                        .findFirst();
    }

    /** The list at the path in the first document, or empty when it has yet to be created. */
    private static Optional<Node> list(YamlText yaml, ValuePath path, Object created) {
        Optional<MappingNode> root = root(yaml);
        if (root.isEmpty() || !(path.reach(yaml, root.get()) instanceof ValuePath.Reach.Found found)) {
            return Optional.empty();
        }
        if (found.node() instanceof SequenceNode) {
            return Optional.of(found.node());
        }
        if (YamlText.isEmpty(found.node())) {
            return Optional.empty();
        }
        throw new FileEditException(path.text() + " is a " + YamlText.kind(found.node()) + ", not a list");
    }

    private static String createList(YamlText yaml, ValuePath path, Object created) {
        Optional<MappingNode> root = root(yaml);
        if (root.isEmpty()) {
            if (yaml.documents().stream().allMatch(YamlText::isEmpty)) {
                return yaml.appendToEnd(path.firstKey(), path.nested(0, created));
            }
            throw new FileEditException("the file holds no mapping");
        }
        return switch (path.reach(yaml, root.get())) {
            case ValuePath.Reach.Missing missing -> path.create(yaml, missing, created);
            case ValuePath.Reach.Found found -> yaml.fill((ScalarNode) found.node(), found.keyColumn(), created);
        };
    }

    private static Optional<MappingNode> root(YamlText yaml) {
        return yaml.documents().stream()
                .filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast)
                .findFirst();
    }

    /** The name an override replaces: {@code orig} of {@code orig=new:tag}, else the image name without version. */
    private static String originalName(String entry) {
        int equals = entry.indexOf('=');
        if (equals >= 0) {
            return entry.substring(0, equals);
        }
        try {
            return ImageRef.parse(entry).nameWithRegistry();
        } catch (InvalidImageReferenceException e) {
            return entry;
        }
    }
}
