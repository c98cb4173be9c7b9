package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.image.Tag;
import io.imageupdater.strategy.NewestBuildSelector;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tagsortmode}: the registry's list order stands in for build times, so newest-build reads no metadata. */
class TagSortOrderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            latest-first: the first listed is newest           ; LATEST_FIRST ; c b a   ; a b c ; c
            latest-last: the last listed is newest             ; LATEST_LAST  ; a b c   ; a b c ; c
            latest-first ignores name order                    ; LATEST_FIRST ; a z m   ; a z m ; a
            latest-last ignores name order                     ; LATEST_LAST  ; z a m   ; z a m ; m
            filtered tags keep their listed position           ; LATEST_FIRST ; x y z   ; y z   ; y
            """)
    void listOrderIsBuildOrder(String name, TagSortMode mode, String listed, String wanted, String newest) {
        List<Tag> tags = Arrays.stream(listed.split(" ")).map(Tag::of).toList();
        List<Tag> dated = MetadataLookup.inListOrder(tags, List.of(wanted.split(" ")), mode);
        assertEquals(List.of(wanted.split(" ")), dated.stream().map(Tag::name).toList());
        assertEquals(
                newest,
                new NewestBuildSelector().select(dated).chosen().orElseThrow().name());
        assertEquals(0, dated.stream().filter(tag -> tag.digest() != null).count(), "nothing was fetched");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            UTC with Z                 ; 2024-05-01T10:00:00Z                ; 2024-05-01T10:00:00Z
            nanoseconds as Go writes   ; 2024-05-01T10:00:00.123456789Z      ; 2024-05-01T10:00:00.123456789Z
            an offset                  ; 2024-05-01T12:00:00+02:00           ; 2024-05-01T10:00:00Z
            missing                    ; none                                ; none
            not a time                 ; yesterday                           ; none
            """)
    void buildTimesFromConfigBlobs(String name, String text, String expected) {
        assertEquals(expected == null ? null : Instant.parse(expected), ManifestFetcher.created(text));
    }
}
