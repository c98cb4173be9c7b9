package io.imageupdater.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.image.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MinimumAgeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("created an hour ago waits", NOW.minus(Duration.ofHours(1)), null, false),
                Arguments.of("created two days ago is eligible", NOW.minus(Duration.ofDays(2)), null, true),
                Arguments.of("created exactly min-age ago is eligible", NOW.minus(DAY), null, true),
                Arguments.of("no created, never seen before, waits", null, null, false),
                Arguments.of("no created, first seen 23h ago, waits", null, NOW.minus(Duration.ofHours(23)), false),
                Arguments.of(
                        "no created, first seen 25h ago, is eligible", null, NOW.minus(Duration.ofHours(25)), true),
                Arguments.of(
                        "created in the future counts from first seen (old)",
                        NOW.plus(Duration.ofDays(300)),
                        NOW.minus(Duration.ofDays(2)),
                        true),
                Arguments.of(
                        "created in the future counts from first seen (new)",
                        NOW.plus(Duration.ofDays(300)),
                        NOW.minus(Duration.ofHours(2)),
                        false),
                Arguments.of(
                        "created wins over an earlier first sighting",
                        NOW.minus(Duration.ofHours(1)),
                        NOW.minus(Duration.ofDays(5)),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eligibility(String name, Instant created, Instant firstSeen, boolean eligible) {
        Tag tag = new Tag("1.0.0", null, created);
        MinimumAge.Split split = new MinimumAge(DAY).split(List.of(tag), t -> firstSeen, NOW);
        assertEquals(eligible ? List.of(tag) : List.of(), split.eligible());
        assertEquals(eligible ? 0 : 1, split.waiting().size());
    }

    @org.junit.jupiter.api.Test
    void aWaitingTagSaysUntilWhen() {
        Tag tag = new Tag("1.2.0", null, NOW.minus(Duration.ofHours(1)));
        MinimumAge.Split split = new MinimumAge(DAY).split(List.of(tag), t -> null, NOW);
        assertEquals(NOW.plus(Duration.ofHours(23)), split.waiting().get(0).until());
    }
}
