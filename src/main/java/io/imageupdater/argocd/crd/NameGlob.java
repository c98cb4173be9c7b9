package io.imageupdater.argocd.crd;

import io.imageupdater.ImageUpdaterException;
import java.util.regex.Pattern;

/**
 * A glob over Application names: {@code *} (any run), {@code ?} (one character), {@code [abc]}, {@code [a-z]},
 * {@code [!a-z]} or {@code [^a-z]} (one of, or none of, a set) and {@code \x} (a literal {@code x}).
 *
 * @param text     the pattern as written
 * @param regex    the equivalent regular expression
 * @param literals how many characters must match literally (more is more specific)
 * @param exact    whether the pattern has no wildcard at all, so it names one Application
 */
public record NameGlob(String text, Pattern regex, int literals, boolean exact) {

    /** @throws ImageUpdaterException naming the pattern and the problem when it is not a valid glob */
    public static NameGlob parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ImageUpdaterException("namePattern is empty");
        }
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        boolean exact = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> {
                    regex.append(".*");
                    exact = false;
                }
                case '?' -> {
                    regex.append('.');
                    exact = false;
                }
                case '[' -> {
                    i = characterClass(text, i, regex);
                    exact = false;
                }
                case '\\' -> {
                    if (i + 1 >= text.length()) {
                        throw invalid(text, "it ends with an unfinished escape '\\'");
                    }
                    regex.append(Pattern.quote(String.valueOf(text.charAt(++i))));
                    literals++;
                }
                default -> {
                    regex.append(Pattern.quote(String.valueOf(c)));
                    literals++;
                }
            }
        }
        return new NameGlob(text, Pattern.compile(regex.toString()), literals, exact);
    }

    /** Appends the class starting at {@code start} ('[') and returns the index of its closing ']'. */
    private static int characterClass(String text, int start, StringBuilder regex) {
        int i = start + 1;
        StringBuilder set = new StringBuilder("[");
        if (i < text.length() && (text.charAt(i) == '!' || text.charAt(i) == '^')) {
            set.append('^');
            i++;
        }
        int members = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ']' && members > 0) {
                regex.append(set).append(']');
                return i;
            }
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            if (c == '-' && members > 0 && i + 1 < text.length() && text.charAt(i + 1) != ']') {
                char from = text.charAt(i - 1);
                char to = text.charAt(i + 1);
                if (to < from) {
                    throw invalid(text, "the range " + from + "-" + to + " runs backwards");
                }
                set.append('-');
                continue;
            }
            set.append(c == '^' || c == '[' || c == '&' || c == '\\' ? "\\" + c : String.valueOf(c));
            members++;
        }
        throw invalid(text, "the '[' at position " + (start + 1) + " is never closed");
    }

    private static ImageUpdaterException invalid(String text, String problem) {
        return new ImageUpdaterException("namePattern \"" + text + "\" is not a valid glob: " + problem);
    }

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
