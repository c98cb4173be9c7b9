package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tags a strategy may look at: those the allow rule accepts and no ignore glob matches.
 *
 * @param allowTags  {@code null} or {@code any} for all tags, or {@code regexp:<expression>} for the tags in
 *                   which the expression is found anywhere; an invalid expression or any other value allows
 *                   no tag (with one WARN when the filter is built)
 * @param ignoreTags globs matched against the whole tag: {@code *} any run, {@code ?} one character,
 *                   {@code [abc]}, {@code [a-z]}, {@code [!abc]} / {@code [^abc]} classes, {@code \} escapes
 */
public record TagFilter(String allowTags, List<String> ignoreTags) {

    private static final String REGEXP_PREFIX = "regexp:";

    public TagFilter {
        allowTags = allowTags == null || allowTags.isBlank() ? null : allowTags.strip();
        List<String> globs = new ArrayList<>();
        if (ignoreTags != null) {
            ignoreTags.stream()
                    .filter(entry -> entry != null)
                    .flatMap(entry -> Arrays.stream(entry.split(",")))
                    .map(String::strip)
                    .filter(glob -> !glob.isEmpty())
                    .forEach(globs::add);
        }
        ignoreTags = List.copyOf(globs);
        allowRule(allowTags, true);
        ignoreTags.forEach(glob -> globPattern(glob, true));
    }

    /** A filter from the {@code allow-tags} value and the {@code ignore-tags} entries (commas split too). */
    public static TagFilter of(String allowTags, List<String> ignoreTags) {
        return new TagFilter(allowTags, ignoreTags);
    }

    /** The filter that keeps every tag. */
    public static TagFilter none() {
        return new TagFilter(null, List.of());
    }

    /** The tags that pass, in their original order. */
    public List<Tag> apply(List<Tag> tags) {
        Predicate<String> allowed = allowRule(allowTags, false);
        List<Pattern> ignored =
                ignoreTags.stream().flatMap(g -> globPattern(g, false).stream()).toList();
        return tags.stream()
                .filter(t -> allowed.test(t.name()))
                .filter(t -> ignored.stream().noneMatch(p -> p.matcher(t.name()).matches()))
                .toList();
    }

    /** Whether one tag name passes. */
    public boolean allows(String tagName) {
        return !apply(List.of(Tag.of(tagName))).isEmpty();
    }

    private static Predicate<String> allowRule(String allowTags, boolean warn) {
        if (allowTags == null || allowTags.equals("any")) {
            return name -> true;
        }
        if (!allowTags.startsWith(REGEXP_PREFIX)) {
            if (warn) {
                Log.warnf(
                        "allow-tags value \"%s\" is neither \"any\" nor \"regexp:<expression>\"; no tag will match",
                        allowTags);
            }
            return name -> false;
        }
        String expression = allowTags.substring(REGEXP_PREFIX.length());
        try {
            Pattern pattern = Pattern.compile(expression);
            return name -> pattern.matcher(name).find();
        } catch (PatternSyntaxException e) {
            if (warn) {
                Log.warnf(
                        "allow-tags expression \"%s\" is not a valid regular expression (%s); no tag will match",
                        allowTags, e.getDescription());
            }
            return name -> false;
        }
    }

    private static Optional<Pattern> globPattern(String glob, boolean warn) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 2);
                if (end < 0) {
                    if (warn) {
                        Log.warnf("ignore-tags glob \"%s\" has an unclosed [ class; it ignores no tag", glob);
                    }
                    return Optional.empty();
                }
                regex.append(characterClass(glob.substring(i + 1, end)));
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Optional.of(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int start = 0;
        if (body.charAt(0) == '!' || body.charAt(0) == '^') {
            out.append('^');
            start = 1;
        }
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' && i > start && i < body.length() - 1) {
                out.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        return out.append(']').toString();
    }
}
