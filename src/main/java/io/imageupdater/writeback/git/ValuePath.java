package io.imageupdater.writeback.git;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A path to a value such as {@code image.tag} or {@code containers[0].image.tag}. At each mapping the longest run of
 * segments that, joined with dots, is a literal key wins, so {@code a.b.c} finds the key {@code a.b} before
 * {@code a}.
 */
record ValuePath(String text, List<Segment> segments) {

    private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    record Segment(String key, List<Integer> indexes) {}

    /** How far a path reaches into a document. */
    sealed interface Reach {
        /** The whole path exists; {@code keyColumn} is the column of the last key. */
        record Found(Node node, int keyColumn) implements Reach {}

        /** Segments from {@code from} are missing under {@code parent}: a mapping, or an empty value. */
        record Missing(Node parent, int keyColumn, int from) implements Reach {}
    }

    ValuePath {
        segments = List.copyOf(segments);
    }

    static ValuePath parse(String text) {
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches() || m.group(1).isBlank()) {
                throw new FileEditException("invalid value path \"" + text + "\"");
            }
            List<Integer> indexes = new ArrayList<>();
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                indexes.add(Integer.parseInt(index.group(1)));
            }
            segments.add(new Segment(m.group(1), indexes));
        }
        return new ValuePath(text, segments);
    }

    /** A path of plain keys, no dots or indexes interpreted. */
    static ValuePath of(String... keys) {
        return new ValuePath(
                String.join(".", keys),
                Arrays.stream(keys).map(k -> new Segment(k, List.of())).toList());
    }

    /** The node at this path, when every segment exists and every index is in range. */
    Optional<Node> find(YamlText yaml, MappingNode root) {
        try {
            return reach(yaml, root) instanceof Reach.Found found ? Optional.of(found.node()) : Optional.empty();
        } catch (FileEditException e) {
            return Optional.empty();
        }
    }

    Reach reach(YamlText yaml, MappingNode root) {
        Node current = root;
        int keyColumn = 0;
        int i = 0;
        while (i < segments.size()) {
            if (YamlText.isEmpty(current)
                    && i > 0
                    && segments.get(i - 1).indexes().isEmpty()) {
                return new Reach.Missing(current, keyColumn, i);
            }
            if (!(current instanceof MappingNode map)) {
                throw new FileEditException("value path \"" + text + "\" runs into a " + YamlText.kind(current)
                        + " at \"" + prefix(i) + "\"");
            }
            int consumed = longestMatch(map, i);
            if (consumed == 0) {
                return new Reach.Missing(map, keyColumn, i);
            }
            NodeTuple tuple = YamlText.tuple(map, joined(i, consumed)).orElseThrow();
            keyColumn = yaml.column(tuple.getKeyNode());
            current = tuple.getValueNode();
            i += consumed;
            for (int index : segments.get(i - 1).indexes()) {
                if (!(current instanceof SequenceNode seq)
                        || index >= seq.getValue().size()) {
                    throw new FileEditException(
                            "value path \"" + text + "\" has no list item [" + index + "] at \"" + prefix(i) + "\"");
                }
                current = seq.getValue().get(index);
                keyColumn = yaml.column(current);
            }
        }
        return new Reach.Found(current, keyColumn);
    }

    /** Creates the missing part of the path, nested mappings ending in {@code leaf}. */
    String create(YamlText yaml, Reach.Missing missing, Object leaf) {
        requireNoIndexes(missing.from());
        Object value = nested(missing.from(), leaf);
        String key = segments.get(missing.from()).key();
        if (missing.parent() instanceof MappingNode map) {
            return yaml.insertIntoMapping(map, key, value);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return yaml.fill((ScalarNode) missing.parent(), missing.keyColumn(), map);
    }

    /** Missing list items are not created: there is no telling what else the item should hold. */
    void requireNoIndexes(int from) {
        if (segments.subList(from, segments.size()).stream()
                .anyMatch(s -> !s.indexes().isEmpty())) {
            throw new FileEditException("value path \"" + text + "\" needs a list item that does not exist; "
                    + "list items are not created");
        }
    }

    /** Segments after {@code from} as nested mappings ending in {@code leaf}. */
    Object nested(int from, Object leaf) {
        Object value = leaf;
        for (int i = segments.size() - 1; i > from; i--) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(segments.get(i).key(), value);
            value = map;
        }
        return value;
    }

    String firstKey() {
        return segments.getFirst().key();
    }

    private int longestMatch(MappingNode map, int from) {
        int max = 1;
        while (from + max < segments.size()
                && segments.get(from + max - 1).indexes().isEmpty()) {
            max++;
        }
        for (int count = max; count > 0; count--) {
            if (YamlText.tuple(map, joined(from, count)).isPresent()) {
                return count;
            }
        }
        return 0;
    }

    private String joined(int from, int count) {
        return String.join(
                ".",
                segments.subList(from, from + count).stream().map(Segment::key).toList());
    }

    private String prefix(int count) {
        return String.join(
                ".", segments.subList(0, count).stream().map(Segment::key).toList());
    }
}
