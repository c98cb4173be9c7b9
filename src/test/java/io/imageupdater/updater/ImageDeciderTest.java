package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.strategy.UpdateStrategy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageDeciderTest {
    private static final List<Tag> TAGS = tags("1.0.0", "1.1.0", "1.2.0", "2.0.0", "1.3.0-rc1", "latest");

    static Stream<Arguments> decisions() {
        return Stream.of(
                row(
                        "newer version within the constraint",
                        "reg.example.com/acme/web:^1.0",
                        "reg.example.com/acme/web:1.0.0",
                        ImageOutcome.Kind.UPDATE,
                        "reg.example.com/acme/web:1.2.0"),
                row(
                        "no constraint takes the highest release",
                        "reg.example.com/acme/web",
                        "reg.example.com/acme/web:1.0.0",
                        ImageOutcome.Kind.UPDATE,
                        "reg.example.com/acme/web:2.0.0"),
                row(
                        "already at the newest allowed",
                        "reg.example.com/acme/web:~1.2",
                        "reg.example.com/acme/web:1.2.0",
                        ImageOutcome.Kind.CURRENT,
                        null),
                row(
                        "nothing eligible is no update",
                        "reg.example.com/acme/web:>=3",
                        "reg.example.com/acme/web:1.0.0",
                        ImageOutcome.Kind.NO_CANDIDATE,
                        null),
                row(
                        "invalid constraint is an error for the image",
                        "reg.example.com/acme/web:>>1",
                        "reg.example.com/acme/web:1.0.0",
                        ImageOutcome.Kind.ERROR,
                        null),
                row(
                        "the image-list name is written, not the live one",
                        "web=docker.io/library/nginx:~1.1",
                        "nginx:1.0.0",
                        ImageOutcome.Kind.UPDATE,
                        "docker.io/library/nginx:1.1.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String entry, String live, ImageOutcome.Kind kind, String newImage) {
        ImageSpec spec = spec(entry, UpdateStrategy.SEMVER, false);
        List<ImageRef> liveImages = List.of(ImageRef.parse(live));

        ImageOutcome outcome = ImageDecider.decide(spec, liveImages, TAGS);

        assertEquals(kind, outcome.kind(), outcome.message());
        if (newImage != null) {
            assertEquals(newImage, outcome.change().to().toString());
            assertEquals(live, outcome.change().from().toString());
        }
    }

    @Test
    void imageNotRunningIsGatedOutUnlessForced() {
        List<ImageRef> live = List.of(ImageRef.parse("reg.example.com/other/app:1.0"));

        assertEquals(
                ImageOutcome.Kind.NOT_LIVE,
                ImageDecider.gate(spec("reg.example.com/acme/web", UpdateStrategy.SEMVER, false), live)
                        .orElseThrow()
                        .kind());
        assertEquals(
                true,
                ImageDecider.gate(spec("reg.example.com/acme/web", UpdateStrategy.SEMVER, true), live)
                        .isEmpty());
    }

    @Test
    void invalidConstraintIsAnErrorAtTheGateBeforeAnyTagIsListed() {
        List<ImageRef> live = List.of(ImageRef.parse("reg.example.com/acme/web:1.0.0"));

        ImageOutcome gated = ImageDecider.gate(spec("reg.example.com/acme/web:>>1", UpdateStrategy.SEMVER, false), live)
                .orElseThrow();

        assertEquals(ImageOutcome.Kind.ERROR, gated.kind());
        assertTrue(
                gated.message().contains("reg.example.com/acme/web")
                        && gated.message().contains(">>1"),
                gated.message());
    }

    @Test
    void forcedImageWithoutLiveVersionIsUpdatedFromTheBareName() {
        ImageOutcome outcome =
                ImageDecider.decide(spec("reg.example.com/acme/web:1.x", UpdateStrategy.SEMVER, true), List.of(), TAGS);

        assertEquals(ImageOutcome.Kind.UPDATE, outcome.kind());
        assertEquals("reg.example.com/acme/web", outcome.change().from().toString());
        assertEquals("reg.example.com/acme/web:1.2.0", outcome.change().to().toString());
    }

    @Test
    void digestStrategyWritesTagAndDigestAndStaysPutWhenTheDigestMatches() {
        String digest = "sha256:" + "a".repeat(64);
        List<Tag> tags = List.of(
                new Tag("stable", digest, Instant.EPOCH), new Tag("latest", "sha256:" + "b".repeat(64), Instant.EPOCH));
        ImageSpec spec = spec("reg.example.com/acme/web:stable", UpdateStrategy.DIGEST, false);

        ImageOutcome changed =
                ImageDecider.decide(spec, List.of(ImageRef.parse("reg.example.com/acme/web:stable")), tags);
        ImageOutcome current =
                ImageDecider.decide(spec, List.of(ImageRef.parse("reg.example.com/acme/web:stable@" + digest)), tags);

        assertEquals(
                "reg.example.com/acme/web:stable@" + digest,
                changed.change().to().toString());
        assertEquals(ImageOutcome.Kind.CURRENT, current.kind());
    }

    static Stream<Arguments> namedVersions() {
        return Stream.of(
                Arguments.of(
                        Named.of("semver: a newer version is named", UpdateStrategy.SEMVER), "2.0.0", "1.2.0", true),
                Arguments.of(
                        Named.of("semver: newer even outside the constraint", UpdateStrategy.SEMVER),
                        "3.0.0",
                        "1.2.0",
                        true),
                Arguments.of(
                        Named.of("semver: an older version is named", UpdateStrategy.SEMVER), "1.0.0", "1.2.0", false),
                Arguments.of(Named.of("semver: the same version", UpdateStrategy.SEMVER), "1.2.0", "1.2.0", false),
                Arguments.of(
                        Named.of("semver: a newer version pinned by digest", UpdateStrategy.SEMVER),
                        "2.0.0@sha256:" + "a".repeat(64),
                        "1.2.0",
                        true),
                Arguments.of(
                        Named.of("semver: not a version cannot be ordered", UpdateStrategy.SEMVER),
                        "latest",
                        "1.2.0",
                        false),
                Arguments.of(Named.of("alphabetical: later name", UpdateStrategy.ALPHABETICAL), "zeta", "alpha", true),
                Arguments.of(Named.of("digest: never ordered", UpdateStrategy.DIGEST), "other", "latest", false));
    }

    @ParameterizedTest
    @MethodSource("namedVersions")
    void whetherTheVersionNamedNowIsNewerThanTheChosenOne(
            UpdateStrategy strategy, String named, String chosen, boolean newer) {
        ImageSpec spec = spec("web=registry.example/acme/web", strategy, false);
        ImageRef to = ImageRef.parse("registry.example/acme/web:" + chosen);

        assertEquals(newer, ImageDecider.newer(spec, named, to, TAGS));
    }

    private static ImageSpec spec(String entry, UpdateStrategy strategy, boolean force) {
        ImageListEntry parsed = ImageListEntry.parse(entry);
        return new ImageSpec(
                parsed.aliasOrName(),
                parsed,
                parsed.constraint(),
                strategy.value(),
                strategy,
                force,
                null,
                List.of(),
                null,
                List.of(),
                null,
                null,
                List.of());
    }

    private static List<Tag> tags(String... names) {
        return Arrays.stream(names).map(Tag::of).toList();
    }

    private static Arguments row(String name, String entry, String live, ImageOutcome.Kind kind, String newImage) {
        return Arguments.of(Named.of(name, entry), live, kind, newImage);
    }
}
