package io.imageupdater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parsesAsGo(String text, Duration expected) {
        assertEquals(expected, GoDuration.parse(text));
    }

    static Stream<Arguments> parsesAsGo() {
        return Stream.of(
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("1.5s", Duration.ofMillis(1500)),
                Arguments.of("300ms", Duration.ofMillis(300)),
                Arguments.of("-30s", Duration.ofSeconds(-30)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("2562047h47m16.854775807s", Duration.ofNanos(Long.MAX_VALUE)),
                Arguments.of("9223372036854775807ns", Duration.ofNanos(Long.MAX_VALUE)),
                Arguments.of("-2562047h47m16.854775808s", Duration.ofNanos(Long.MIN_VALUE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void durationsThatDoNotFitAreAClearError(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertTrue(e.getMessage().contains(text) && e.getMessage().contains("292 years"), e.getMessage());
    }

    static Stream<String> durationsThatDoNotFitAreAClearError() {
        return Stream.of(
                "2562048h",
                "2562047h47m16.854775808s",
                "9223372036854775808ns",
                "3000000h",
                "99999999999999999999h",
                "-2562047h47m16.854775809s");
    }

    @Test
    void settingErrorNamesTheSetting() {
        ImageUpdaterException e =
                assertThrows(ImageUpdaterException.class, () -> GoDuration.parse("2600000h", "interval"));
        assertTrue(e.getMessage().startsWith("interval: "), e.getMessage());
        assertTrue(e.getMessage().contains("292 years"), e.getMessage());
    }
}
