package io.imageupdater.writeback.git;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A glob as Argo CD matches AppProject fields (the {@code github.com/gobwas/glob} syntax): {@code *} any run of
 * characters other than the separator, {@code **} any run of characters, {@code ?} one character other than the
 * separator, {@code [abc]}, {@code [a-z]}, {@code [!abc]} character classes, {@code {a,b}} alternatives and
 * {@code \c} a literal {@code c}. A pattern that does not compile matches nothing.
 */
final class ArgoGlob {
    private final Pattern regex;

    private ArgoGlob(Pattern regex) {
        this.regex = regex;
    }

    /** The compiled glob, or empty when the pattern is malformed (an unclosed class or group, an empty class). */
    static Optional<ArgoGlob> compile(String pattern, Character separator) {
        try {
            Parser parser = new Parser(pattern, separator);
            String body = parser.sequence(false);
            if (parser.position != pattern.length()) {
                return Optional.empty();
            }
            return Optional.of(new ArgoGlob(Pattern.compile(body, Pattern.DOTALL)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the whole text matches; a malformed pattern matches nothing. */
    static boolean matches(String pattern, String text, Character separator) {
        return compile(pattern, separator).map(glob -> glob.matches(text)).orElse(false);
    }

    boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    private static final class Parser {
        private final String pattern;
        private final String notSeparator;
        private int position;

        Parser(String pattern, Character separator) {
            this.pattern = pattern;
            this.notSeparator = separator == null ? "." : "[^" + Pattern.quote(String.valueOf(separator)) + "]";
        }

        /** Terms up to the end, or, inside a group, up to the {@code ,} or {@code }} that ends an alternative. */
        String sequence(boolean inGroup) {
            StringBuilder regex = new StringBuilder();
            while (position < pattern.length()) {
                char c = pattern.charAt(position);
                if (inGroup && (c == ',' || c == '}')) {
                    return regex.toString();
                }
                position++;
                switch (c) {
                    case '*' -> {
                        if (position < pattern.length() && pattern.charAt(position) == '*') {
                            while (position < pattern.length() && pattern.charAt(position) == '*') {
                                position++;
                            }
                            regex.append(".*");
                        } else {
                            regex.append(notSeparator).append('*');
                        }
                    }
                    case '?' -> regex.append(notSeparator);
                    case '[' -> regex.append(characterClass());
                    case '{' -> regex.append(group());
                    case '\\' -> regex.append(Pattern.quote(String.valueOf(escaped())));
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            if (inGroup) {
                throw new IllegalArgumentException("unclosed {");
            }
            return regex.toString();
        }

        private String group() {
            StringBuilder regex = new StringBuilder("(?:");
            while (true) {
                regex.append(sequence(true));
                char end = pattern.charAt(position++);
                if (end == '}') {
                    return regex.append(')').toString();
                }
                regex.append('|');
            }
        }

        private String characterClass() {
            StringBuilder regex = new StringBuilder("[");
            if (position < pattern.length() && pattern.charAt(position) == '!') {
                regex.append('^');
                position++;
            }
            int members = 0;
            while (true) {
                if (position >= pattern.length()) {
                    throw new IllegalArgumentException("unclosed [");
                }
                char c = pattern.charAt(position++);
                if (c == ']') {
                    if (members == 0) {
                        throw new IllegalArgumentException("empty character class");
                    }
                    return regex.append(']').toString();
                }
                char low = c == '\\' ? escaped() : c;
                members++;
                if (position + 1 < pattern.length()
                        && pattern.charAt(position) == '-'
                        && pattern.charAt(position + 1) != ']') {
                    position++;
                    char high = pattern.charAt(position++);
                    if (high == '\\') {
                        high = escaped();
                    }
                    if (high < low) {
                        throw new IllegalArgumentException("reversed range");
                    }
                    regex.append(classMember(low)).append('-').append(classMember(high));
                } else {
                    regex.append(classMember(low));
                }
            }
        }

        private char escaped() {
            if (position >= pattern.length()) {
                throw new IllegalArgumentException("trailing \\");
            }
            return pattern.charAt(position++);
        }

        private static String classMember(char c) {
            return String.format("\\x{%x}", (int) c);
        }
    }
}
