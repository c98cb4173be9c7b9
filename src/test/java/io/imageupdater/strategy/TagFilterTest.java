package io.imageupdater.strategy;

import static io.imageupdater.strategy.SelectorFixtures.names;
import static io.imageupdater.strategy.SelectorFixtures.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import io.imageupdater.image.Tag;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagFilterTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void keepsAllowedAndNotIgnoredTagsInOrder(String allowTags, List<String> ignoreTags, String tags, String kept) {
        assertEquals(kept, names(TagFilter.of(allowTags, ignoreTags).apply(tags(tags))));
    }

    static Stream<Arguments> keepsAllowedAndNotIgnoredTagsInOrder() {
        return Stream.of(
                row("no allow-tags keeps all", null, List.of(), "1.0 latest dev-1", "1.0 latest dev-1"),
                row("blank allow-tags keeps all", "  ", null, "1.0 latest", "1.0 latest"),
                row("any keeps all", "any", List.of(), "1.0 latest dev-1", "1.0 latest dev-1"),
                row("anchored regexp", "regexp:^v1\\.", List.of(), "v1.0 v2.0 v1.1 xv1.2", "v1.0 v1.1"),
                row(
                        "regexp is searched, not anchored",
                        "regexp:rc",
                        List.of(),
                        "1.0 1.0-rc1 arc-2 2.0",
                        "1.0-rc1 arc-2"),
                row(
                        "regexp matching the whole tag",
                        "regexp:^[0-9]+\\.[0-9]+$",
                        List.of(),
                        "1.0 1.0.1 10.2",
                        "1.0 10.2"),
                row("invalid regexp matches nothing", "regexp:[", List.of(), "a b [", ""),
                row("unknown allow-tags form matches nothing", "semver", List.of(), "1.0 2.0", ""),
                row(
                        "ignore exact name, whole tag only",
                        null,
                        List.of("latest"),
                        "latest latest-2 1.0",
                        "latest-2 1.0"),
                row("ignore star glob", null, List.of("*-rc*"), "1.0 1.1-rc1 1.1", "1.0 1.1"),
                row("ignore question mark glob", null, List.of("1.?"), "1.0 1.9 1.10", "1.10"),
                row("dot in a glob is literal", null, List.of("1.0"), "1.0 1x0 1.0.1", "1x0 1.0.1"),
                row("ignore character class", null, List.of("[ab]*"), "a1 b2 c3", "c3"),
                row("ignore character range", null, List.of("v[0-1].*"), "v0.1 v1.2 v2.0", "v2.0"),
                row("! in a class is a member, as in filepath.Match", null, List.of("[!0-9]*"), "alpha 1.0", "alpha"),
                row("ignore negated class with ^", null, List.of("[^0-9]*"), "alpha 1.0", "1.0"),
                row("several entries", null, List.of("latest", "*-rc*"), "latest 1.0-rc1 1.0", "1.0"),
                row(
                        "comma-separated entry is split and trimmed",
                        null,
                        List.of("latest, dev-* "),
                        "latest dev-3 1.0",
                        "1.0"),
                row("unclosed class ignores nothing", null, List.of("[abc"), "a [abc", "a [abc"),
                row("unescaped - in a class ignores nothing", null, List.of("[a-]*"), "a1 b2", "a1 b2"),
                row("a malformed glob leaves the others working", null, List.of("[", "*-rc*"), "1.0 1.1-rc1", "1.0"),
                row("RE2 syntax: \\d and \\z", "regexp:^v\\d+\\z", List.of(), "v1 v12 v1a x", "v1 v12"),
                row("RE2 rejects backreferences: matches nothing", "regexp:^(a)\\1$", List.of(), "aa a", ""),
                row("RE2 rejects lookahead: matches nothing", "regexp:^(?!rc)", List.of(), "1.0 rc1", ""),
                row(
                        "allow then ignore, order kept",
                        "regexp:^1\\.",
                        List.of("*-rc*"),
                        "1.2 2.0 1.0 1.1-rc1 1.1",
                        "1.2 1.0 1.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void problemsAreReportedOnceWhenBuiltForTheCallerToLog(String allowTags, List<String> ignoreTags, String problem) {
        TagFilter filter = TagFilter.of(allowTags, ignoreTags);

        assertEquals(1, filter.warnings().size(), filter.warnings().toString());
        assertTrue(filter.warnings().get(0).contains(problem), filter.warnings().get(0));
    }

    static Stream<Arguments> problemsAreReportedOnceWhenBuiltForTheCallerToLog() {
        return Stream.of(
                Arguments.of(named("invalid regexp", "regexp:["), List.of(), "no tag will match"),
                Arguments.of(named("unknown form", "semver"), List.of(), "neither \"any\""),
                Arguments.of(named("invalid glob", null), List.of("ok-*", "[x"), "\"[x\" is not a valid glob"));
    }

    @Test
    void validSettingsHaveNoWarnings() {
        assertEquals(List.of(), TagFilter.of("regexp:^v", List.of("*-rc*")).warnings());
    }

    /** Catastrophic backtracking for a backtracking engine; RE2/J decides in linear time. */
    @Test
    void nestedQuantifierIsDecidedInLinearTime() {
        TagFilter filter = TagFilter.of("regexp:^(a+)+$", List.of());
        List<Tag> tags = IntStream.range(0, 30)
                .mapToObj(i -> Tag.of("a".repeat(28) + "-x"))
                .toList();

        long start = System.nanoTime();
        List<Tag> kept = filter.apply(tags);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(List.of(), kept);
        assertTrue(took.compareTo(Duration.ofMillis(500)) < 0, "decided in " + took);
    }

    private static Arguments row(String name, String allowTags, List<String> ignoreTags, String tags, String kept) {
        return Arguments.of(named(name, allowTags), ignoreTags, tags, kept);
    }
}
