package io.imageupdater.writeback.git;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Sets image values in a Helm values file: {@code helmNameKey} to registry and repository, {@code helmTagKey} to
 * {@code tag[@digest]}, {@code helmSpecKey} to the full reference. Keys are value paths ({@link ValuePath}); the
 * first document that holds a key is edited, else the first mapping document gets the key created.
 */
public final class HelmValuesEditor {

    private HelmValuesEditor() {}

    /** The text with every update's keys set; the same text when nothing changes. */
    public static String apply(String text, List<ImageUpdate> updates) {
        String result = text;
        for (ImageUpdate update : updates) {
            for (Map.Entry<String, String> value : update.helmValues().entrySet()) {
                try {
                    result = set(result, ValuePath.parse(value.getKey()), value.getValue());
                } catch (FileEditException e) {
                    throw new FileEditException(
                            "cannot set " + value.getKey() + " for image " + update.alias() + ": " + e.getMessage(), e);
                }
            }
        }
        return result;
    }

    static String set(String text, ValuePath path, String value) {
        YamlText yaml = YamlText.parse(text);
        List<MappingNode> roots = yaml.documents().stream()
                .filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast)
                .toList();
        Optional<Node> existing = roots.stream()
                .map(root -> path.find(yaml, root))
                .flatMap(Optional::stream)
                .findFirst();
        if (existing.isPresent()) {
            if (existing.get() instanceof ScalarNode scalar) {
                return yaml.replaceScalar(scalar, value);
            }
            throw new FileEditException("it holds a " + YamlText.kind(existing.get()) + ", not a single value");
        }
        if (!roots.isEmpty()) {
            MappingNode root = roots.getFirst();
            if (path.reach(yaml, root) instanceof ValuePath.Reach.Missing missing) {
                return path.create(yaml, missing, value);
            }
            throw new FileEditException("it holds an empty value that cannot be set");
        }
        if (yaml.documents().stream().allMatch(YamlText::isEmpty)) {
            path.requireNoIndexes(0);
            return yaml.appendToEnd(path.firstKey(), path.nested(0, value));
        }
        throw new FileEditException("the file holds no mapping to add it to");
    }
}
