package io.imageupdater.argocd;

import io.imageupdater.ImageUpdaterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector ({@code app=web,tier!=db,env in (a,b),!legacy}), parsed once and matched on the
 * client: the list call sends it to the API server too, but not every server (nor the test server) honours
 * set-based requirements, so results are checked again here.
 */
public record LabelSelector(String text, List<Requirement> requirements) {
    private static final Pattern SET = Pattern.compile("([^\\s!=]+)\\s+(in|notin)\\s*\\(([^)]*)\\)");
    private static final Pattern EQUALITY = Pattern.compile("([^\\s!=]+)\\s*(==|=|!=)\\s*([^\\s!=()]*)");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*([^\\s!=()]+)");

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** @throws ImageUpdaterException naming the selector when it cannot be parsed */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return new LabelSelector("", List.of());
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : split(text)) {
            requirements.add(requirement(part.strip(), text));
        }
        return new LabelSelector(text.strip(), requirements);
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(actual));
    }

    private static Requirement requirement(String part, String text) {
        Matcher m;
        if ((m = SET.matcher(part)).matches()) {
            Set<String> values =
                    Arrays.stream(m.group(3).split(",")).map(String::strip).collect(Collectors.toSet());
            return new Requirement(m.group(1), m.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        if ((m = EQUALITY.matcher(part)).matches()) {
            return new Requirement(
                    m.group(1), m.group(2).equals("!=") ? Operator.NOT_IN : Operator.IN, Set.of(m.group(3)));
        }
        if ((m = EXISTS.matcher(part)).matches()) {
            return new Requirement(m.group(2), m.group(1).isEmpty() ? Operator.EXISTS : Operator.NOT_EXISTS, Set.of());
        }
        throw new ImageUpdaterException("invalid label selector \"" + text + "\": cannot read \"" + part + "\"");
    }

    /** Splits on commas that are not inside parentheses. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    public enum Operator {
        IN,
        NOT_IN,
        EXISTS,
        NOT_EXISTS
    }

    /** One requirement; {@code key=value} is {@code IN {value}}, {@code key!=value} is {@code NOT_IN {value}}. */
    public record Requirement(String key, Operator operator, Set<String> values) {
        public Requirement {
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case NOT_EXISTS -> value == null;
            };
        }
    }
}
