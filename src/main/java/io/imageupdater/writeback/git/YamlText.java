package io.imageupdater.writeback.git;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML text with its node tree, edited by splicing text at the nodes' positions. Nothing is ever dumped, so
 * comments, order, quoting and blank lines outside the touched spots stay byte for byte. Every edit returns
 * the new text; parse it again for the next edit.
 */
final class YamlText {

    private final String text;
    private final List<Node> documents;
    private final boolean surrogates;
    private final String lineBreak;
    private final YamlBlock layout;

    private YamlText(String text, List<Node> documents) {
        this.text = text;
        this.documents = documents;
        this.surrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
        this.lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        this.layout = detectLayout(documents);
    }

    static YamlText parse(String text) {
        List<Node> documents = new ArrayList<>();
        try {
            new Yaml(new SafeConstructor(new LoaderOptions()))
                    .composeAll(new StringReader(text))
                    .forEach(documents::add);
        } catch (YAMLException e) {
            // the parser's message quotes the file; say where only, and chain nothing that holds the text
            throw new FileEditException("the file is not valid YAML" + where(e));
        }
        return new YamlText(text, List.copyOf(documents));
    }

    /** " at line L, column C" of the problem, 1-based, when the parser marked it. */
    private static String where(YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            if (mark != null) {
                return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            }
        }
        return "";
    }

    String text() {
        return text;
    }

    List<Node> documents() {
        return documents;
    }

    YamlBlock layout() {
        return layout;
    }

    static Optional<NodeTuple> tuple(MappingNode map, String key) {
        return map.getValue().stream()
                .filter(t ->
                        t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .findFirst();
    }

    static Optional<String> scalar(MappingNode map, String key) {
        return tuple(map, key)
                .map(NodeTuple::getValueNode)
                .filter(ScalarNode.class::isInstance)
                .map(n -> ((ScalarNode) n).getValue());
    }

    /** {@code key:} with nothing after it. */
    static boolean isEmpty(Node node) {
        return node instanceof ScalarNode s
                && s.getTag().equals(Tag.NULL)
                && s.getValue().isEmpty();
    }

    static boolean isFlow(Node node) {
        return node instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.FLOW;
    }

    int offset(Mark mark) {
        return surrogates ? text.offsetByCodePoints(0, mark.getIndex()) : mark.getIndex();
    }

    int column(Node node) {
        int start = offset(node.getStartMark());
        return start - (text.lastIndexOf('\n', start - 1) + 1);
    }

    /**
     * Sets a scalar to a string (or {@link YamlScalars.Raw}) in its own quoting style, keeping its anchor and tag;
     * same value, same text. A value reached through an alias is changed where its anchor defines it.
     */
    String replaceScalar(ScalarNode node, Object value) {
        String plainValue = value instanceof YamlScalars.Raw raw ? raw.text() : (String) value;
        int end = offset(node.getEndMark());
        int start = skipProperties(offset(node.getStartMark()), end);
        if (isEmpty(node)) {
            String space = start > 0 && Character.isWhitespace(text.charAt(start - 1)) ? "" : " ";
            return splice(start, start, space + YamlScalars.format(value));
        }
        if (node.getValue().equals(plainValue)) {
            return text;
        }
        String formatted = value instanceof YamlScalars.Raw raw
                ? raw.text()
                : YamlScalars.format(plainValue, node.getScalarStyle());
        boolean block = node.getScalarStyle() == ScalarStyle.LITERAL || node.getScalarStyle() == ScalarStyle.FOLDED;
        if (block && text.startsWith("\n", end - 1)) {
            formatted += lineBreak;
        }
        return splice(start, end, formatted);
    }

    /** A node's start includes its anchor ({@code &a}) and tag ({@code !!str}); the scalar itself comes after them. */
    private int skipProperties(int start, int end) {
        int at = start;
        while (at < end && (text.charAt(at) == '&' || text.charAt(at) == '!')) {
            while (at < end && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            while (at < end && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
        return at;
    }

    /** Sets {@code key} of a mapping to a scalar: in place when present, appended as the last entry when not. */
    String setEntry(MappingNode map, String key, Object value) {
        Optional<NodeTuple> existing = tuple(map, key);
        if (existing.isEmpty()) {
            return insertIntoMapping(map, key, value);
        }
        if (existing.get().getValueNode() instanceof ScalarNode scalar) {
            return replaceScalar(scalar, value);
        }
        throw new FileEditException(
                "\"" + key + "\" holds a " + kind(existing.get().getValueNode()) + ", not a single value");
    }

    /** Adds {@code key: value} after the last entry of a mapping, at the column of its keys. */
    String insertIntoMapping(MappingNode map, String key, Object value) {
        if (isFlow(map)) {
            return insertIntoFlow(map, YamlScalars.format(key) + ": " + YamlBlock.flow(value));
        }
        int column = column(map.getValue().getFirst().getKeyNode());
        return insertLines(lineAfter(contentEnd(map)), layout.entry(key, value, column));
    }

    /** Adds an item after the last one of a sequence, at the column of its dashes. */
    String appendToSequence(SequenceNode sequence, Object item) {
        if (isFlow(sequence)) {
            return insertIntoFlow(sequence, YamlBlock.flow(item));
        }
        return insertLines(lineAfter(contentEnd(sequence)), layout.item(item, column(sequence)));
    }

    /** Gives {@code key:} with nothing after it a value: a scalar on its line, a collection on the lines below. */
    String fill(ScalarNode empty, int keyColumn, Object value) {
        List<String> lines = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> lines.addAll(layout.item(item, keyColumn + layout.seqIndent())));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> lines.addAll(layout.entry((String) k, v, keyColumn + layout.step())));
        } else {
            return replaceScalar(empty, value);
        }
        int at = lineEnd(offset(empty.getStartMark()));
        return splice(at, at, lineBreak + String.join(lineBreak, lines));
    }

    /** Appends {@code key: value} at column 0 at the end of the text, for a text with no document in it. */
    String appendToEnd(String key, Object value) {
        String body = String.join(lineBreak, layout.entry(key, value, 0)) + lineBreak;
        boolean needsBreak = !text.isEmpty() && !text.endsWith("\n");
        return text + (needsBreak ? lineBreak : "") + body;
    }

    /** Removes {@code key} and its value from a block mapping, with the whole line when the key starts it. */
    String removeEntry(MappingNode map, String key) {
        List<NodeTuple> tuples = map.getValue();
        int index = tuples.indexOf(tuple(map, key).orElse(null));
        if (index < 0) {
            return text;
        }
        if (tuples.size() == 1 || isFlow(map)) {
            throw new FileEditException("cannot remove \"" + key + "\": it is the only entry or in a flow mapping");
        }
        int keyStart = offset(tuples.get(index).getKeyNode().getStartMark());
        int lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
        if (text.substring(lineStart, keyStart).isBlank()) {
            int end = lineAfter(contentEnd(tuples.get(index).getValueNode()));
            return splice(lineStart, end < 0 ? text.length() : end, "");
        }
        if (index + 1 < tuples.size()) {
            return splice(keyStart, offset(tuples.get(index + 1).getKeyNode().getStartMark()), "");
        }
        throw new FileEditException("cannot remove \"" + key + "\": it shares its line with other content");
    }

    static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "mapping";
            case SequenceNode s -> "list";
            default -> "value";
        };
    }

    private String insertIntoFlow(CollectionNode<?> node, String entry) {
        int close = offset(node.getEndMark()) - 1;
        if (close < 0 || "]}".indexOf(text.charAt(close)) < 0) {
            throw new FileEditException("cannot find the end of a flow collection at line "
                    + (node.getEndMark().getLine() + 1));
        }
        String separator = node.getValue().isEmpty() ? "" : ", ";
        return splice(close, close, separator + entry);
    }

    /** Where the last content of a node ends (not counting comments or blank lines after it). */
    private int contentEnd(Node node) {
        if (node instanceof MappingNode map && !isFlow(map) && !map.getValue().isEmpty()) {
            NodeTuple last = map.getValue().getLast();
            return Math.max(
                    contentEnd(last.getValueNode()), offset(last.getKeyNode().getEndMark()));
        }
        if (node instanceof SequenceNode seq && !isFlow(seq) && !seq.getValue().isEmpty()) {
            return contentEnd(seq.getValue().getLast());
        }
        return offset(node.getEndMark());
    }

    /** Where the line holding {@code from} ends, before its line break; comments on it stay on it. */
    private int lineEnd(int from) {
        int newline = text.indexOf('\n', from);
        if (newline < 0) {
            return text.length();
        }
        return newline > 0 && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
    }

    /** The start of the line after the one holding {@code end}, or -1 when that line is the unterminated last. */
    private int lineAfter(int end) {
        if (end > 0 && text.charAt(end - 1) == '\n') {
            return end;
        }
        int newline = text.indexOf('\n', end);
        return newline < 0 ? -1 : newline + 1;
    }

    private String insertLines(int at, List<String> lines) {
        String body = String.join(lineBreak, lines);
        return at < 0 ? text + lineBreak + body : splice(at, at, body + lineBreak);
    }

    private String splice(int start, int end, String replacement) {
        return text.substring(0, start) + replacement + text.substring(end);
    }

    private YamlBlock detectLayout(List<Node> roots) {
        int[] found = {Integer.MAX_VALUE, -1};
        roots.forEach(root -> scan(root, found));
        return new YamlBlock(
                found[0] == Integer.MAX_VALUE ? YamlBlock.DEFAULT.step() : found[0],
                found[1] < 0 ? YamlBlock.DEFAULT.seqIndent() : found[1]);
    }

    private void scan(Node node, int[] found) {
        if (isFlow(node)) {
            return;
        }
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(item -> scan(item, found));
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                Node value = t.getValueNode();
                int keyColumn = column(t.getKeyNode());
                if (value instanceof MappingNode child
                        && !isFlow(child)
                        && !child.getValue().isEmpty()) {
                    int delta = column(child.getValue().getFirst().getKeyNode()) - keyColumn;
                    if (delta > 0) {
                        found[0] = Math.min(found[0], delta);
                    }
                } else if (value instanceof SequenceNode child && !isFlow(child) && found[1] < 0) {
                    found[1] = Math.max(0, column(child) - keyColumn);
                }
                scan(value, found);
            }
        }
    }
}
