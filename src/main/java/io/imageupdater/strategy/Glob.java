package io.imageupdater.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell pattern with the syntax and meaning of Go's {@code filepath.Match} on Unix, which upstream uses for
 * {@code ignore-tags}, ImageUpdater {@code namePattern} and {@code --match-application-name}: {@code *} is any
 * run of characters other than {@code /}, {@code ?} one character other than {@code /}, {@code [a-z]} /
 * {@code [^a-z]} one character in (or not in) a set of characters and ranges, and {@code \x} the character
 * {@code x}, also inside a set. Inside a set, {@code -} and {@code ]} must be escaped. The whole name must match.
 *
 * <p>Compiled once: a malformed pattern fails in {@link #compile}, never while names are matched. Matching runs in
 * time proportional to the length of the name times the length of the pattern.
 */
public final class Glob {
    private static final int SEPARATOR = '/';

    private final String pattern;
    private final List<Chunk> chunks;
    private final int literals;
    private final boolean exact;

    private Glob(String pattern, List<Chunk> chunks) {
        this.pattern = pattern;
        this.chunks = List.copyOf(chunks);
        this.literals = (int) chunks.stream()
                .flatMap(chunk -> chunk.elements().stream())
                .filter(element -> element instanceof Literal)
                .count();
        this.exact = chunks.stream()
                .allMatch(chunk ->
                        !chunk.star() && chunk.elements().stream().allMatch(element -> element instanceof Literal));
    }

    /**
     * Compiles a pattern.
     *
     * @throws InvalidGlobException naming the pattern and what is wrong with it
     */
    public static Glob compile(String pattern) {
        if (pattern == null) {
            throw new InvalidGlobException("null", "there is no pattern");
        }
        List<Chunk> chunks = new ArrayList<>();
        int[] text = pattern.codePoints().toArray();
        int i = 0;
        while (i < text.length) {
            boolean star = false;
            while (i < text.length && text[i] == '*') {
                star = true;
                i++;
            }
            List<Element> elements = new ArrayList<>();
            while (i < text.length && text[i] != '*') {
                int c = text[i];
                if (c == '?') {
                    elements.add(AnyOne.INSTANCE);
                    i++;
                } else if (c == '[') {
                    i = characterClass(pattern, text, i, elements);
                } else if (c == '\\') {
                    if (i + 1 >= text.length) {
                        throw new InvalidGlobException(pattern, "it ends with an unfinished escape '\\'");
                    }
                    elements.add(new Literal(text[i + 1]));
                    i += 2;
                } else {
                    elements.add(new Literal(c));
                    i++;
                }
            }
            chunks.add(new Chunk(star, elements));
        }
        return new Glob(pattern, chunks);
    }

    /** Parses the set starting at {@code start} ('[') and returns the index just after its closing ']'. */
    private static int characterClass(String pattern, int[] text, int start, List<Element> elements) {
        int i = start + 1;
        boolean negated = i < text.length && text[i] == '^';
        if (negated) {
            i++;
        }
        List<int[]> ranges = new ArrayList<>();
        while (true) {
            if (i < text.length && text[i] == ']' && !ranges.isEmpty()) {
                elements.add(new CharacterClass(negated, ranges));
                return i + 1;
            }
            int[] lo = setMember(pattern, text, i, start);
            int hi = lo[0];
            i = lo[1];
            if (text[i] == '-') {
                int[] upper = setMember(pattern, text, i + 1, start);
                hi = upper[0];
                i = upper[1];
            }
            ranges.add(new int[] {lo[0], hi});
        }
    }

    /** One member of a set at {@code i}: its character and the index after it (which must exist). */
    private static int[] setMember(String pattern, int[] text, int i, int start) {
        if (i >= text.length) {
            throw new InvalidGlobException(pattern, "the '[' at position " + (start + 1) + " is never closed");
        }
        if (text[i] == '-' || text[i] == ']') {
            throw new InvalidGlobException(
                    pattern,
                    "'" + Character.toString(text[i]) + "' at position " + (i + 1)
                            + " must be escaped inside a [...] set");
        }
        if (text[i] == '\\') {
            i++;
            if (i >= text.length) {
                throw new InvalidGlobException(pattern, "it ends with an unfinished escape '\\'");
            }
        }
        if (i + 1 >= text.length) {
            throw new InvalidGlobException(pattern, "the '[' at position " + (start + 1) + " is never closed");
        }
        return new int[] {text[i], i + 1};
    }

    /** Whether the whole name matches, as {@code filepath.Match(pattern, name)} answers. */
    public boolean matches(String name) {
        int[] s = name.codePoints().toArray();
        int position = 0;
        for (int c = 0; c < chunks.size(); c++) {
            Chunk chunk = chunks.get(c);
            boolean last = c == chunks.size() - 1;
            if (chunk.star() && chunk.elements().isEmpty()) {
                return noSeparator(s, position);
            }
            int end = chunk.matchAt(s, position);
            if (end >= 0 && (end == s.length || !last)) {
                position = end;
                continue;
            }
            if (!chunk.star()) {
                return false;
            }
            int found = -1;
            for (int skip = position; skip < s.length && s[skip] != SEPARATOR; skip++) {
                end = chunk.matchAt(s, skip + 1);
                if (end >= 0 && !(last && end < s.length)) {
                    found = end;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            position = found;
        }
        return position == s.length;
    }

    private static boolean noSeparator(int[] s, int from) {
        for (int i = from; i < s.length; i++) {
            if (s[i] == SEPARATOR) {
                return false;
            }
        }
        return true;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** How many characters must match literally (more is more specific). */
    public int literals() {
        return literals;
    }

    /** Whether the pattern has no wildcard or set at all, so it matches one name only. */
    public boolean exact() {
        return exact;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** A run of fixed-width elements, optionally preceded by a star. */
    private record Chunk(boolean star, List<Element> elements) {
        Chunk {
            elements = List.copyOf(elements);
        }

        /** The index after the chunk matched at {@code from}, or -1. */
        int matchAt(int[] s, int from) {
            int i = from;
            for (Element element : elements) {
                if (i >= s.length || !element.matches(s[i])) {
                    return -1;
                }
                i++;
            }
            return i;
        }
    }

    private sealed interface Element permits Literal, AnyOne, CharacterClass {
        boolean matches(int c);
    }

    private record Literal(int character) implements Element {
        @Override
        public boolean matches(int c) {
            return c == character;
        }
    }

    private enum AnyOne implements Element {
        INSTANCE;

        @Override
        public boolean matches(int c) {
            return c != SEPARATOR;
        }
    }

    private record CharacterClass(boolean negated, List<int[]> ranges) implements Element {
        CharacterClass {
            ranges = List.copyOf(ranges);
        }

        @Override
        public boolean matches(int c) {
            boolean in = ranges.stream().anyMatch(range -> range[0] <= c && c <= range[1]);
            return in != negated;
        }
    }
}
