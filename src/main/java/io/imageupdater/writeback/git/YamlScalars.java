package io.imageupdater.writeback.git;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Writes string scalars so that YAML reads them back as exactly that string. */
final class YamlScalars {

    /** Characters that never need quoting in a plain scalar, none of them a YAML indicator when first. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./@:+=~-]*");

    private YamlScalars() {}

    /** A scalar written as is, such as {@code true} for a boolean field. */
    record Raw(String text) {}

    /** Plain when YAML (1.1 rules, the strictest a reader may apply) reads it back as this string, else double-quoted. */
    static String format(String value) {
        return isPlainSafe(value) ? value : doubleQuoted(value);
    }

    /** In the given style where it reads back as this string; a plain scalar that would not becomes double-quoted. */
    static String format(String value, ScalarStyle style) {
        return switch (style) {
            case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> doubleQuoted(value);
            case PLAIN -> format(value);
            default -> doubleQuoted(value);
        };
    }

    static String format(Object scalar) {
        return scalar instanceof Raw raw ? raw.text() : format((String) scalar);
    }

    static boolean isPlainSafe(String value) {
        return PLAIN.matcher(value).matches()
                && !value.endsWith(":")
                && new Resolver().resolve(NodeId.scalar, value, true).equals(Tag.STR);
    }

    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
