package io.imageupdater.strategy;

import static io.imageupdater.strategy.SelectorFixtures.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import io.imageupdater.image.Tag;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtherSelectorsTest {

    private static final String DIGEST_A = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void alphabeticalPicksTheGreatestNameInByteOrder(List<Tag> tags, String chosen, int candidates) {
        Selection selection = new AlphabeticalSelector("~1.0").select(tags);
        assertEquals(chosen, selection.chosen().map(Tag::name).orElse(null));
        assertEquals(candidates, selection.candidates());
    }

    static Stream<Arguments> alphabeticalPicksTheGreatestNameInByteOrder() {
        return Stream.of(
                Arguments.of(named("plain letters", tags("b a c")), "c", 3),
                Arguments.of(named("digits are text, not numbers", tags("1.10 1.9")), "1.9", 2),
                Arguments.of(named("lower case after upper case", tags("Z a")), "a", 2),
                Arguments.of(named("non-ASCII after ASCII", tags("z é")), "é", 2),
                Arguments.of(
                        named("supplementary character after U+FFFD, unlike UTF-16 order", tags("\uFFFD \uD83D\uDE00")),
                        "\uD83D\uDE00",
                        2),
                Arguments.of(named("constraint is ignored", tags("1.0 2.0")), "2.0", 2),
                Arguments.of(named("no tags", tags("")), null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void newestBuildPicksTheNewestImage(List<Tag> tags, String chosen, int candidates) {
        Selection selection = new NewestBuildSelector().select(tags);
        assertEquals(chosen, selection.chosen().map(Tag::name).orElse(null));
        assertEquals(candidates, selection.candidates());
    }

    static Stream<Arguments> newestBuildPicksTheNewestImage() {
        return Stream.of(
                Arguments.of(named("newest wins", List.of(built("a", 10), built("b", 12), built("c", 11))), "b", 3),
                Arguments.of(
                        named("newest beats a greater name", List.of(built("zzz", 10), built("aaa", 11))), "aaa", 2),
                Arguments.of(
                        named(
                                "equal build times go to the greatest name",
                                List.of(built("a", 12), built("c", 12), built("b", 11))),
                        "c",
                        3),
                Arguments.of(
                        named("tags without build time are not eligible", List.of(Tag.of("x"), built("y", 10))),
                        "y",
                        1),
                Arguments.of(named("no build times at all", List.of(Tag.of("x"), Tag.of("y"))), null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void digestTracksOneTag(List<Tag> tags, String chosen, int candidates) {
        Selection selection = new DigestSelector("latest").select(tags);
        assertEquals(chosen, selection.chosen().map(Tag::name).orElse(null));
        assertEquals(candidates, selection.candidates());
    }

    static Stream<Arguments> digestTracksOneTag() {
        return Stream.of(
                Arguments.of(
                        named(
                                "tracked tag with digest",
                                List.of(new Tag("1.0", DIGEST_A, null), new Tag("latest", DIGEST_A, null))),
                        "latest",
                        1),
                Arguments.of(named("tracked tag without digest", List.of(Tag.of("latest"))), null, 0),
                Arguments.of(named("tracked tag missing", List.of(new Tag("1.0", DIGEST_A, null))), null, 0),
                Arguments.of(named("names are case-sensitive", List.of(new Tag("Latest", DIGEST_A, null))), null, 0));
    }

    @ParameterizedTest(name = "digest strategy without a tag (''{0}'') is rejected")
    @NullSource
    @ValueSource(strings = {"", "  "})
    void digestNeedsATagToTrack(String tag) {
        InvalidConstraintException e = assertThrows(InvalidConstraintException.class, () -> new DigestSelector(tag));
        assertTrue(e.getMessage().contains("needs a tag to track"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            semver                 ; SEMVER       ; ~1.2   ; SemverSelector
            semver without constraint ; SEMVER    ;        ; SemverSelector
            newest build           ; NEWEST_BUILD ;        ; NewestBuildSelector
            digest                 ; DIGEST       ; latest ; DigestSelector
            alphabetical           ; ALPHABETICAL ; ^1     ; AlphabeticalSelector
            """)
    void factoryBuildsTheSelectorOfTheStrategy(String name, UpdateStrategy strategy, String constraint, String type) {
        assertEquals(type, TagSelectors.of(strategy, constraint).getClass().getSimpleName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            semver with invalid constraint ; SEMVER ; >>1    ; >>1
            digest without tag             ; DIGEST ; ''     ; needs a tag to track
            """)
    void factoryValidatesEagerly(String name, UpdateStrategy strategy, String constraint, String message) {
        InvalidConstraintException e =
                assertThrows(InvalidConstraintException.class, () -> TagSelectors.of(strategy, constraint));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static Tag built(String name, int hour) {
        return new Tag(name, null, Instant.parse("2024-05-01T00:00:00Z").plusSeconds(hour * 3600L));
    }
}
