package io.imageupdater.writeback.git;

import io.imageupdater.image.ImageRef;
import io.imageupdater.image.InvalidImageReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Edits the {@code images} list of a kustomization file the way {@code kustomize edit set image
 * [orig=]new:tag[@digest]} changes it, but in place: the entry whose {@code name} is the original name gets
 * {@code newName} when the name changes (an existing {@code newName} is kept current), {@code newTag} for a tag,
 * {@code digest} for a digest (a tag alone drops the digest, a digest alone drops the tag, both set both). A missing
 * entry is appended to the list, a missing list to the document.
 *
 * <p>Kustomize matches {@code name} exactly. We look for an exact match first; when there is none, a single entry
 * naming the same repository in another spelling ({@code nginx}, {@code docker.io/library/nginx}) is updated
 * instead of adding a second entry. The file's author chose the spelling that matches their manifests; an entry in
 * the other spelling would not match them and the update would silently have no effect.
 */
public final class KustomizationEditor {

    private static final Set<String> KINDS = Set.of("Kustomization", "Component");

    private KustomizationEditor() {}

    /** The text with every update applied; the same text when nothing changes. */
    public static String apply(String text, List<ImageUpdate> updates) {
        String result = text;
        for (ImageUpdate update : updates) {
            try {
                result = applyOne(result, update);
            } catch (FileEditException e) {
                throw new FileEditException(
                        "cannot set image " + update.alias() + " in the kustomization: " + e.getMessage(), e);
            }
        }
        return result;
    }

    /** The index of the name that {@code orig} matches: exactly, else the only one naming the same repository. */
    static OptionalInt match(List<String> names, String orig) {
        int exact = names.indexOf(orig);
        if (exact >= 0) {
            return OptionalInt.of(exact);
        }
        Optional<ImageRef> wanted = parseName(orig);
        List<Integer> same = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<ImageRef> name = parseName(names.get(i));
            if (wanted.isPresent() && name.isPresent() && name.get().sameRepository(wanted.get())) {
                same.add(i);
            }
        }
        return same.size() == 1 ? OptionalInt.of(same.getFirst()) : OptionalInt.empty();
    }

    private static String applyOne(String text, ImageUpdate update) {
        YamlText yaml = YamlText.parse(text);
        Optional<MappingNode> root = root(yaml);
        List<Object> newList = List.of(newEntry(update));
        if (root.isEmpty()) {
            if (yaml.documents().stream().allMatch(YamlText::isEmpty)) {
                return yaml.appendToEnd("images", newList);
            }
            throw new FileEditException("the file holds no kustomization mapping");
        }
        Optional<NodeTuple> images = YamlText.tuple(root.get(), "images");
        if (images.isEmpty()) {
            return yaml.insertIntoMapping(root.get(), "images", newList);
        }
        Node value = images.get().getValueNode();
        if (YamlText.isEmpty(value)) {
            return yaml.fill((ScalarNode) value, yaml.column(images.get().getKeyNode()), newList);
        }
        if (!(value instanceof SequenceNode sequence)) {
            throw new FileEditException("images is a " + YamlText.kind(value) + ", not a list");
        }
        Optional<MappingNode> entry = entry(yaml, update);
        if (entry.isEmpty()) {
            return yaml.appendToSequence(sequence, newEntry(update));
        }
        String result = text;
        for (BiFunction<YamlText, MappingNode, String> edit : edits(entry.get(), update)) {
            YamlText current = YamlText.parse(result);
            result = edit.apply(current, entry(current, update).orElseThrow());
        }
        return result;
    }

    private static List<BiFunction<YamlText, MappingNode, String>> edits(MappingNode entry, ImageUpdate update) {
        ImageRef image = update.image();
        String newName = image.nameWithRegistry();
        List<BiFunction<YamlText, MappingNode, String>> edits = new ArrayList<>();
        boolean hasNewName = YamlText.tuple(entry, "newName").isPresent();
        String name = YamlText.scalar(entry, "name").orElse("");
        if (hasNewName || match(List.of(name), newName).isEmpty()) {
            edits.add((yaml, e) -> yaml.setEntry(e, "newName", newName));
        }
        if (image.tag() != null) {
            edits.add((yaml, e) -> yaml.setEntry(e, "newTag", image.tag()));
        } else if (image.digest() != null) {
            edits.add((yaml, e) -> yaml.removeEntry(e, "newTag"));
        }
        if (image.digest() != null) {
            edits.add((yaml, e) -> yaml.setEntry(e, "digest", image.digest()));
        } else if (image.tag() != null) {
            edits.add((yaml, e) -> yaml.removeEntry(e, "digest"));
        }
        return edits;
    }

    private static Optional<MappingNode> entry(YamlText yaml, ImageUpdate update) {
        Optional<Node> images =
                root(yaml).flatMap(r -> YamlText.tuple(r, "images")).map(NodeTuple::getValueNode);
        if (images.isEmpty() || !(images.get() instanceof SequenceNode sequence)) {
            return Optional.empty();
        }
        List<MappingNode> entries = sequence.getValue().stream()
                .filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast)
                .toList();
        List<String> names =
                entries.stream().map(e -> YamlText.scalar(e, "name").orElse("")).toList();
        OptionalInt index = match(names, update.originalName());
        return index.isPresent() ? Optional.of(entries.get(index.getAsInt())) : Optional.empty();
    }

    /** The first document of kind Kustomization or Component, else the first with images, else the first mapping. */
    private static Optional<MappingNode> root(YamlText yaml) {
        List<MappingNode> maps = yaml.documents().stream()
                .filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast)
                .toList();
        return maps.stream()
                .filter(m -> YamlText.scalar(m, "kind").filter(KINDS::contains).isPresent())
                .findFirst()
                .or(() -> maps.stream()
                        .filter(m -> YamlText.tuple(m, "images").isPresent())
                        .findFirst())
                .or(() -> maps.stream().findFirst());
    }

    private static Map<String, Object> newEntry(ImageUpdate update) {
        ImageRef image = update.image();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", update.originalName());
        if (!image.nameWithRegistry().equals(update.originalName())) {
            entry.put("newName", image.nameWithRegistry());
        }
        if (image.tag() != null) {
            entry.put("newTag", image.tag());
        }
        if (image.digest() != null) {
            entry.put("digest", image.digest());
        }
        return entry;
    }

    private static Optional<ImageRef> parseName(String name) {
        try {
            ImageRef ref = ImageRef.parse(name);
            return ref.tag() == null && ref.digest() == null ? Optional.of(ref) : Optional.empty();
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }
}
