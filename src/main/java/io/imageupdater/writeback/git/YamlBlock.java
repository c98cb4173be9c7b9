package io.imageupdater.writeback.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders new YAML content in the layout of the file it goes into. Content is a string (a scalar, quoted when
 * needed), a {@link YamlScalars.Raw}, an ordered {@code Map<String, ?>} or a {@code List<?>}.
 *
 * @param step      spaces per nesting level of mappings
 * @param seqIndent spaces a block sequence is indented under its key (0 for {@code key:\n- item})
 */
record YamlBlock(int step, int seqIndent) {

    static final YamlBlock DEFAULT = new YamlBlock(2, 0);

    /** Lines of {@code key: value} with the key at the given column. */
    List<String> entry(String key, Object value, int column) {
        String pad = " ".repeat(column) + YamlScalars.format(key) + ":";
        List<String> lines = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            lines.add(pad);
            map.forEach((k, v) -> lines.addAll(entry((String) k, v, column + step)));
        } else if (value instanceof List<?> list) {
            lines.add(pad);
            list.forEach(item -> lines.addAll(item(item, column + seqIndent)));
        } else {
            lines.add(pad + " " + YamlScalars.format(value));
        }
        return lines;
    }

    /** Lines of one {@code - item} with the dash at the given column. */
    List<String> item(Object value, int column) {
        String dash = " ".repeat(column) + "- ";
        if (value instanceof Map<?, ?> map) {
            List<String> lines = new ArrayList<>();
            map.forEach((k, v) -> lines.addAll(entry((String) k, v, column + 2)));
            lines.set(0, dash + lines.get(0).substring(column + 2));
            return lines;
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("nested lists are not rendered");
        }
        return List.of(dash + YamlScalars.format(value));
    }

    /** The flow form ({@code {a: b}}, {@code [a, b]}) for insertion into a flow collection. */
    static String flow(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> YamlScalars.format((String) e.getKey()) + ": " + flow(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(YamlBlock::flow).collect(Collectors.joining(", ", "[", "]"));
        }
        return YamlScalars.format(value);
    }
}
