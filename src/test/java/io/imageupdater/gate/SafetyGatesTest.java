package io.imageupdater.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.strategy.UpdateStrategy;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure gates besides update windows: approvals, blocked versions, version order (no downgrade), pins. */
class SafetyGatesTest {
    private static final String A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final ImageRef WEB = ImageRef.parse("ghcr.io/acme/web");

    static Stream<Arguments> approvals() {
        return Stream.of(
                Arguments.of("exactly the tag", "web=1.2.0", "web", "1.2.0", null, true, ""),
                Arguments.of("another tag", "web=1.1.0", "web", "1.2.0", null, false, "web=1.1.0"),
                Arguments.of("another alias", "api=1.2.0", "web", "1.2.0", null, false, "api=1.2.0"),
                Arguments.of("one of several", "api=2.0.0, web=1.2.0", "web", "1.2.0", null, true, "api=2.0.0"),
                Arguments.of("tag approves any digest", "web=latest", "web", "latest", A, true, ""),
                Arguments.of(
                        "tag@digest that digest only", "web=latest@" + B, "web", "latest", A, false, "web=latest@" + B),
                Arguments.of("tag@digest matching", "web=latest@" + A, "web", "latest", A, true, ""),
                Arguments.of("not alias=tag", "1.2.0", "web", "1.2.0", null, false, "1.2.0"),
                Arguments.of("empty", "", "web", "1.2.0", null, false, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("approvals")
    void anApprovalNamesExactlyOneVersion(
            String name, String annotation, String alias, String tag, String digest, boolean approves, String left) {
        Approvals approvals = Approvals.parse(annotation);
        ImageRef to = WEB.withTag(tag).withDigest(digest);

        assertEquals(approves, approvals.approves(alias, to));
        assertEquals(left, approvals.without(alias, to).toString());
    }

    static Stream<Arguments> blocked() {
        return Stream.of(
                Arguments.of(
                        "blocked tag left out",
                        "web=1.2.0",
                        List.of("1.1.0", "1.2.0", "1.3.0"),
                        List.of("1.1.0", "1.3.0")),
                Arguments.of("other alias untouched", "api=1.2.0", List.of("1.2.0"), List.of("1.2.0")),
                Arguments.of(
                        "digest blocks that digest only",
                        "web=latest@" + A,
                        List.of("latest@" + B),
                        List.of("latest@" + B)),
                Arguments.of("digest blocks that digest", "web=latest@" + A, List.of("latest@" + A), List.of()),
                Arguments.of("several", "web=1.2.0,web=1.3.0", List.of("1.2.0", "1.3.0", "1.4.0"), List.of("1.4.0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocked")
    void blockedVersionsAreNeverCandidates(String name, String annotation, List<String> tags, List<String> left) {
        List<Tag> result = BlockedVersions.parse(annotation).unblocked("web", "ghcr.io/acme/web", tags(tags));

        assertEquals(left, result.stream().map(SafetyGatesTest::text).toList());
        assertEquals(annotation, BlockedVersions.parse(annotation).toString());
    }

    static Stream<Arguments> order() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return Stream.of(
                Arguments.of("semver lower", UpdateStrategy.SEMVER, Tag.of("1.2.0"), Tag.of("2.0.0"), true),
                Arguments.of("semver higher", UpdateStrategy.SEMVER, Tag.of("2.1.0"), Tag.of("2.0.0"), false),
                Arguments.of("semver v-prefix", UpdateStrategy.SEMVER, Tag.of("v1.9.0"), Tag.of("1.10.0"), true),
                Arguments.of(
                        "pre-release below its release",
                        UpdateStrategy.SEMVER,
                        Tag.of("2.0.0-rc.1"),
                        Tag.of("2.0.0"),
                        true),
                Arguments.of("not semver: no order", UpdateStrategy.SEMVER, Tag.of("1.0.0"), Tag.of("latest"), false),
                Arguments.of("same", UpdateStrategy.SEMVER, Tag.of("1.0.0"), Tag.of("1.0.0"), false),
                Arguments.of("alphabetical", UpdateStrategy.ALPHABETICAL, Tag.of("a"), Tag.of("b"), true),
                Arguments.of(
                        "newest-build older",
                        UpdateStrategy.NEWEST_BUILD,
                        new Tag("x", null, t),
                        new Tag("y", null, t.plusSeconds(60)),
                        true),
                Arguments.of(
                        "newest-build unknown time",
                        UpdateStrategy.NEWEST_BUILD,
                        Tag.of("x"),
                        new Tag("y", null, t),
                        false),
                Arguments.of("digest has no order", UpdateStrategy.DIGEST, Tag.of("a"), Tag.of("b"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("order")
    void noDowngradeUnlessAllowed(String name, UpdateStrategy strategy, Tag candidate, Tag running, boolean older) {
        assertEquals(older, VersionOrder.downgrade(strategy, candidate, running, false));
        assertEquals(false, VersionOrder.downgrade(strategy, candidate, running, true));
    }

    static Stream<Arguments> pins() {
        return Stream.of(
                Arguments.of("rolled back to an older version", "1.2.0", "1.1.0", "1.2.0", true, false),
                Arguments.of("a newer version lifts it", "1.2.0", "1.1.0", "1.3.0", true, true),
                Arguments.of("still running what was written", "1.2.0", "1.2.0", "1.3.0", false, true),
                Arguments.of("moved forward by someone", "1.2.0", "1.4.0", "1.1.0", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pins")
    void aManualRollbackPinsUntilANewerVersion(
            String name, String written, String running, String candidate, boolean happened, boolean lifted) {
        ManualRollback rollback = new ManualRollback(UpdateStrategy.SEMVER, Tag.of(written), Tag.of(running));

        assertEquals(happened, rollback.happened());
        assertEquals(lifted, rollback.liftedBy(Tag.of(candidate)));
    }

    private static List<Tag> tags(List<String> texts) {
        return texts.stream()
                .map(text -> {
                    int at = text.indexOf('@');
                    return at < 0 ? Tag.of(text) : new Tag(text.substring(0, at), text.substring(at + 1), null);
                })
                .toList();
    }

    private static String text(Tag tag) {
        return tag.digest() == null ? tag.name() : tag.name() + "@" + tag.digest();
    }
}
