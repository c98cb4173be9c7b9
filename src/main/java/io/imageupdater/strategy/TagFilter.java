package io.imageupdater.strategy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.imageupdater.image.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which tags a strategy may look at: those the allow rule accepts and no ignore glob matches. Compiled and judged
 * once, when built; matching never compiles or fails.
 *
 * <p>{@code allow-tags} is {@code null}/{@code any} for all tags, or {@code regexp:<expression>} for the tags in
 * which the expression (RE2 syntax, as upstream's Go {@code regexp}, run in linear time by RE2/J) is found
 * anywhere; an invalid expression or any other value allows no tag. {@code ignore-tags} are globs with Go
 * {@code filepath.Match} semantics (see {@link Glob}); an invalid glob ignores no tag. Each such problem is one of
 * {@link #warnings()}, for the caller to log naming the Application and image.
 */
public final class TagFilter {

    private static final String REGEXP_PREFIX = "regexp:";

    private final String allowTags;
    private final List<String> ignoreTags;
    private final Predicate<String> allowed;
    private final List<Glob> ignored;
    private final List<String> warnings;

    private TagFilter(String allowTags, List<String> ignoreTags) {
        this.allowTags = allowTags == null || allowTags.isBlank() ? null : allowTags.strip();
        this.ignoreTags = split(ignoreTags);
        List<String> problems = new ArrayList<>();
        this.allowed = allowRule(this.allowTags, problems);
        List<Glob> globs = new ArrayList<>();
        for (String glob : this.ignoreTags) {
            try {
                globs.add(Glob.compile(glob));
            } catch (InvalidGlobException e) {
                problems.add("ignore-tags " + e.getMessage() + "; it ignores no tag");
            }
        }
        this.ignored = List.copyOf(globs);
        this.warnings = List.copyOf(problems);
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
        return tags.stream().filter(tag -> allows(tag.name())).toList();
    }

    /** Whether one tag name passes. */
    public boolean allows(String tagName) {
        return allowed.test(tagName) && ignored.stream().noneMatch(glob -> glob.matches(tagName));
    }

    /** The {@code allow-tags} value as written (stripped), or {@code null}. */
    public String allowTags() {
        return allowTags;
    }

    /** The {@code ignore-tags} globs, one per entry. */
    public List<String> ignoreTags() {
        return ignoreTags;
    }

    /** What is wrong with the settings (an expression that matches nothing, a glob that ignores nothing). */
    public List<String> warnings() {
        return warnings;
    }

    private static List<String> split(List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream()
                .filter(Objects::nonNull)
                .flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::strip)
                .filter(glob -> !glob.isEmpty())
                .toList();
    }

    private static Predicate<String> allowRule(String allowTags, List<String> problems) {
        // as upstream: "any" and the function name are case-insensitive (ANY, RegExp:...)
        if (allowTags == null || allowTags.isEmpty() || allowTags.equalsIgnoreCase("any")) {
            return name -> true;
        }
        if (!allowTags.regionMatches(true, 0, REGEXP_PREFIX, 0, REGEXP_PREFIX.length())) {
            problems.add("allow-tags value \"" + allowTags
                    + "\" is neither \"any\" nor \"regexp:<expression>\"; no tag will match");
            return name -> false;
        }
        try {
            Pattern pattern = Pattern.compile(allowTags.substring(REGEXP_PREFIX.length()));
            return name -> pattern.matcher(name).find();
        } catch (PatternSyntaxException e) {
            problems.add("allow-tags expression \"" + allowTags + "\" is not a valid regular expression ("
                    + e.getDescription() + "); no tag will match");
            return name -> false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagFilter filter
                && Objects.equals(filter.allowTags, allowTags)
                && filter.ignoreTags.equals(ignoreTags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowTags, ignoreTags);
    }

    @Override
    public String toString() {
        return "TagFilter[allowTags=" + allowTags + ", ignoreTags=" + ignoreTags + "]";
    }
}
