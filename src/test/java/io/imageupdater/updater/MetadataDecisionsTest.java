package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Platform;
import io.imageupdater.image.Tag;
import io.imageupdater.strategy.TagFilter;
import io.imageupdater.strategy.UpdateStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The selection rules of the strategies that read metadata (and alphabetical), from tags to decision. */
class MetadataDecisionsTest {
    private static final String REPO = "reg.example.com/acme/web";
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    static Stream<Arguments> decisions() {
        return Stream.of(
                row(
                        "newest-build: the newest build wins",
                        UpdateStrategy.NEWEST_BUILD,
                        "web=" + REPO,
                        REPO + ":a",
                        List.of(built("a", A, 10), built("b", B, 12), built("c", C, 11)),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":b"),
                row(
                        "newest-build: equal build times go to the greatest name",
                        UpdateStrategy.NEWEST_BUILD,
                        "web=" + REPO,
                        REPO + ":a",
                        List.of(built("a", A, 12), built("c", C, 12), built("b", B, 11)),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":c"),
                row(
                        "newest-build: a greater name does not beat a newer build",
                        UpdateStrategy.NEWEST_BUILD,
                        "web=" + REPO,
                        REPO + ":zzz",
                        List.of(built("zzz", A, 10), built("aaa", B, 11)),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":aaa"),
                row(
                        "newest-build: already at the newest",
                        UpdateStrategy.NEWEST_BUILD,
                        "web=" + REPO,
                        REPO + ":b",
                        List.of(built("a", A, 10), built("b", B, 12)),
                        ImageOutcome.Kind.CURRENT,
                        null),
                row(
                        "newest-build: no flip to another tag of the same image",
                        UpdateStrategy.NEWEST_BUILD,
                        "web=" + REPO,
                        REPO + ":a",
                        List.of(built("a", A, 12), built("c", A, 12)),
                        ImageOutcome.Kind.CURRENT,
                        null),
                row(
                        "newest-build: no build times, no candidate",
                        UpdateStrategy.NEWEST_BUILD,
                        "web=" + REPO,
                        REPO + ":a",
                        List.of(new Tag("a", A, null)),
                        ImageOutcome.Kind.NO_CANDIDATE,
                        null),
                row(
                        "digest: live image without digest is pinned",
                        UpdateStrategy.DIGEST,
                        "web=" + REPO + ":latest",
                        REPO + ":latest",
                        List.of(built("latest", A, 1), built("1.0", B, 2)),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":latest@" + A),
                row(
                        "digest: live image with another digest follows the tag",
                        UpdateStrategy.DIGEST,
                        "web=" + REPO + ":latest",
                        REPO + ":latest@" + B,
                        List.of(built("latest", A, 1)),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":latest@" + A),
                row(
                        "digest: live image with the same digest stays",
                        UpdateStrategy.DIGEST,
                        "web=" + REPO + ":latest",
                        REPO + ":latest@" + A,
                        List.of(built("latest", A, 1), built("other", A, 1)),
                        ImageOutcome.Kind.CURRENT,
                        null),
                row(
                        "digest: another tag of the same image moves to the tracked tag once",
                        UpdateStrategy.DIGEST,
                        "web=" + REPO + ":latest",
                        REPO + ":1.0@" + A,
                        List.of(built("latest", A, 1), built("1.0", A, 1)),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":latest@" + A),
                row(
                        "digest: tracked tag missing",
                        UpdateStrategy.DIGEST,
                        "web=" + REPO + ":main",
                        REPO + ":latest",
                        List.of(built("latest", A, 1)),
                        ImageOutcome.Kind.NO_CANDIDATE,
                        null),
                row(
                        "digest: no tag to track is an error",
                        UpdateStrategy.DIGEST,
                        "web=" + REPO,
                        REPO + ":latest",
                        List.of(built("latest", A, 1)),
                        ImageOutcome.Kind.ERROR,
                        null),
                row(
                        "alphabetical: the greatest name in byte order",
                        UpdateStrategy.ALPHABETICAL,
                        "web=" + REPO,
                        REPO + ":a",
                        List.of(Tag.of("b"), Tag.of("Z"), Tag.of("c")),
                        ImageOutcome.Kind.UPDATE,
                        REPO + ":c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(
            UpdateStrategy strategy,
            String entry,
            String live,
            List<Tag> tags,
            ImageOutcome.Kind kind,
            String newImage) {
        ImageListEntry parsed = ImageListEntry.parse(entry);
        ImageSpec spec = new ImageSpec(
                parsed.aliasOrName(),
                parsed,
                parsed.constraint(),
                strategy.value(),
                strategy,
                false,
                null,
                List.of(),
                null,
                List.of(),
                null,
                null,
                List.of());

        ImageOutcome outcome = ImageDecider.decide(spec, List.of(ImageRef.parse(live)), tags);

        assertEquals(kind, outcome.kind(), outcome.message());
        if (newImage != null) {
            assertEquals(newImage, outcome.change().to().toString());
        }
        if (kind == ImageOutcome.Kind.ERROR) {
            assertTrue(outcome.message().contains("needs a tag to track"), outcome.message());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            unknown value falls back to semver ; random       ; semver       ; unknown update strategy "random", using semver
            latest is newest-build, deprecated ; latest       ; newest-build ; "latest" is deprecated, use "newest-build"
            name is alphabetical, deprecated   ; name         ; alphabetical ; "name" is deprecated, use "alphabetical"
            canonical names need no warning    ; digest       ; digest       ; ''
            """)
    void strategyValues(String name, String value, String strategy, String warning) {
        var spec = ApplicationSpecParser.parse(
                Map.of(Annotations.IMAGE_LIST, "web=" + REPO, Annotations.forImage("web", "update-strategy"), value),
                "argocd/shop");
        ImageSpec image = spec.images().get(0);
        assertEquals(strategy, image.strategy().value());
        List<String> warnings = spec.allWarnings();
        if (warning.isEmpty()) {
            assertEquals(List.of(), warnings);
        } else {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(
                    warnings.get(0).contains("argocd/shop") && warnings.get(0).contains(warning), warnings.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            none written means this machine     ; ''                        ; CURRENT ; 0
            one platform                        ; linux/arm64               ; linux/arm64 ; 0
            several, with a variant             ; linux/amd64,linux/arm/v7  ; linux/amd64 linux/arm/v7 ; 0
            an unparsable entry matches nothing ; linux/arm64,bogus         ; linux/arm64 ; 1
            only unparsable entries             ; bogus                     ; '' ; 1
            """)
    void wantedPlatforms(String name, String written, String expected, int problems) {
        List<String> told = new ArrayList<>();
        Set<Platform> wanted =
                TagQueries.platforms(written.isEmpty() ? List.of() : List.of(written.split(",")), told::add);
        String shown = expected.equals("CURRENT") ? Platform.current().toString() : expected;
        assertEquals(shown, wanted.stream().map(Platform::toString).collect(Collectors.joining(" ")));
        assertEquals(problems, told.size(), told.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            newest-build reads every allowed tag      ; NEWEST_BUILD ; none   ; regexp:^v ; v1 v2      ; false
            digest reads only the tracked tag         ; DIGEST       ; latest ; none      ; latest     ; true
            digest tracked tag must pass the filters  ; DIGEST       ; latest ; regexp:^v ; ''         ; true
            digest without a tag reads nothing        ; DIGEST       ; none   ; none      ; ''         ; true
            """)
    void queries(String name, UpdateStrategy strategy, String constraint, String allow, String read, boolean digests) {
        var query = TagQueries.of(
                strategy, constraint, TagFilter.of(allow, List.of()), List.of("linux/amd64"), problem -> {});
        List<String> names =
                Stream.of("v1", "latest", "v2", "main").filter(query.tagNames()).toList();
        assertEquals(read, String.join(" ", names));
        assertEquals(digests, query.needsDigests());
        assertEquals(Set.of(new Platform("linux", "amd64", null)), query.platforms());
    }

    private static Tag built(String name, String digest, int hour) {
        return new Tag(name, digest, Instant.parse("2024-05-01T00:00:00Z").plusSeconds(hour * 3600L));
    }

    private static Arguments row(
            String name,
            UpdateStrategy strategy,
            String entry,
            String live,
            List<Tag> tags,
            ImageOutcome.Kind kind,
            String newImage) {
        return Arguments.of(Named.of(name, strategy), entry, live, tags, kind, newImage);
    }
}
