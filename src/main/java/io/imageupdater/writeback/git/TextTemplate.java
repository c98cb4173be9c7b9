package io.imageupdater.writeback.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's {@code text/template} that commit messages and branch names use: {@code {{.Field}}},
 * {@code {{range .List}}…{{end}}} (inside, {@code .Field} is the element's), {@code {{/* comment *}{@code /}}}, and
 * the {@code {{-}} / {@code -}}} markers that trim white space beside an action. Data is a map of strings and lists
 * of maps. Anything else is rejected when the template is parsed, with a message naming the action.
 */
public final class TextTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-\\s)?\\s*(.*?)\\s*(\\s-)?}}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("\\.[A-Za-z_][A-Za-z0-9_]*|\\.");

    private final String source;
    private final List<Node> nodes;

    private TextTemplate(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    /** Parses a template; throws {@link InvalidTemplateException} naming the first unsupported action. */
    public static TextTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Token> tokens = tokenize(text);
        int[] position = {0};
        List<Node> nodes = parseNodes(tokens, position, text);
        if (position[0] < tokens.size()) {
            throw new InvalidTemplateException(text, "{{end}} without {{range}}");
        }
        return new TextTemplate(text, nodes);
    }

    /** Renders with the given data; a missing field renders as {@code <no value>}, as Go's does. */
    public String render(Map<String, ?> data) {
        StringBuilder out = new StringBuilder();
        renderNodes(nodes, data, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    private sealed interface Node permits Text, Field, Range {}

    private record Text(String text) implements Node {}

    private record Field(String name) implements Node {}

    private record Range(String name, List<Node> body) implements Node {}

    private record Token(String text, String action) {}

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = ACTION.matcher(text);
        int last = 0;
        boolean trimNext = false;
        while (matcher.find()) {
            String before = text.substring(last, matcher.start());
            if (trimNext) {
                before = before.stripLeading();
            }
            if (matcher.group(1) != null) {
                before = before.stripTrailing();
            }
            tokens.add(new Token(before, null));
            tokens.add(new Token(null, matcher.group(2)));
            trimNext = matcher.group(3) != null;
            last = matcher.end();
        }
        String rest = text.substring(last);
        tokens.add(new Token(trimNext ? rest.stripLeading() : rest, null));
        return tokens;
    }

    private static List<Node> parseNodes(List<Token> tokens, int[] position, String source) {
        List<Node> nodes = new ArrayList<>();
        while (position[0] < tokens.size()) {
            Token token = tokens.get(position[0]);
            if (token.action() == null) {
                nodes.add(new Text(token.text()));
                position[0]++;
                continue;
            }
            String action = token.action();
            if (action.equals("end")) {
                return nodes;
            }
            position[0]++;
            if (action.startsWith("/*") && action.endsWith("*/")) {
                continue;
            }
            if (action.startsWith("range ")) {
                String field = field(action.substring(6).strip(), source);
                List<Node> body = parseNodes(tokens, position, source);
                if (position[0] >= tokens.size()) {
                    throw new InvalidTemplateException(source, "{{" + action + "}} has no {{end}}");
                }
                position[0]++;
                nodes.add(new Range(field, body));
            } else {
                nodes.add(new Field(field(action, source)));
            }
        }
        return nodes;
    }

    private static String field(String action, String source) {
        if (!FIELD.matcher(action).matches()) {
            throw new InvalidTemplateException(
                    source,
                    "{{" + action + "}} is not supported; use {{.Field}}, "
                            + "{{range .List}}…{{end}} or {{/* comment */}}");
        }
        return action.equals(".") ? "" : action.substring(1);
    }

    private static void renderNodes(List<Node> nodes, Map<String, ?> data, StringBuilder out) {
        for (Node node : nodes) {
            switch (node) {
                case Text text -> out.append(text.text());
                case Field field -> out.append(value(data, field.name()));
                case Range range -> {
                    if (data.get(range.name()) instanceof List<?> items) {
                        for (Object item : items) {
                            renderNodes(
                                    range.body(), item instanceof Map<?, ?> map ? cast(map) : Map.of("", item), out);
                        }
                    }
                }
            }
        }
    }

    private static Object value(Map<String, ?> data, String name) {
        Object value = data.get(name);
        return value == null ? "<no value>" : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
