package io.imageupdater.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateWindowsTest {

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("no windows: always allowed", "", "2026-11-28T12:00:00Z", true, null),
                Arguments.of(
                        "weekday evening in Berlin, inside (CET, UTC+1)",
                        "0 22 * * 1-5|4h|Europe/Berlin",
                        "2026-11-30T22:30:00Z",
                        true,
                        null),
                Arguments.of(
                        "past midnight still inside (opened Monday 22:00, 4h)",
                        "0 22 * * 1-5|4h|Europe/Berlin",
                        "2026-12-01T00:59:00Z",
                        true,
                        null),
                Arguments.of(
                        "closes after its duration",
                        "0 22 * * 1-5|4h|Europe/Berlin",
                        "2026-12-01T01:00:00Z",
                        false,
                        "2026-12-01T21:00:00Z"),
                Arguments.of(
                        "Saturday: next window Monday 22:00 CET",
                        "0 22 * * 1-5|4h|Europe/Berlin",
                        "2026-11-28T12:00:00Z",
                        false,
                        "2026-11-30T21:00:00Z"),
                Arguments.of(
                        "summer time: 22:00 CEST is 20:00 UTC",
                        "0 22 * * 1-5|4h|Europe/Berlin",
                        "2026-07-01T19:59:00Z",
                        false,
                        "2026-07-01T20:00:00Z"),
                Arguments.of(
                        "spring-forward day: 02:30 does not exist, opens right after the gap (03:00 CEST)",
                        "30 2 * * *|1h|Europe/Berlin",
                        "2026-03-29T00:59:00Z",
                        false,
                        "2026-03-29T01:00:00Z"),
                Arguments.of(
                        "spring-forward day: inside after the gap",
                        "30 2 * * *|1h|Europe/Berlin",
                        "2026-03-29T01:30:00Z",
                        true,
                        null),
                Arguments.of(
                        "day before the change: 02:30 CET is 01:30 UTC",
                        "30 2 * * *|1h|Europe/Berlin",
                        "2026-03-28T00:00:00Z",
                        false,
                        "2026-03-28T01:30:00Z"),
                Arguments.of(
                        "fall-back day: 02:30 happens twice, the window opens at the first (CEST, 00:30 UTC)",
                        "30 2 * * *|1h|Europe/Berlin",
                        "2026-10-25T00:00:00Z",
                        false,
                        "2026-10-25T00:30:00Z"),
                Arguments.of(
                        "fall-back day: the duration is elapsed time, not wall-clock time",
                        "30 2 * * *|1h|Europe/Berlin",
                        "2026-10-25T01:29:00Z",
                        true,
                        null),
                Arguments.of(
                        "fall-back day: no second opening at the repeated 02:30 (CET, 01:30 UTC)",
                        "30 2 * * *|1h|Europe/Berlin",
                        "2026-10-25T01:31:00Z",
                        false,
                        "2026-10-26T01:30:00Z"),
                Arguments.of(
                        "New York across the US change (2026-03-08)",
                        "0 9 * * *|1h|America/New_York",
                        "2026-03-08T13:30:00Z",
                        true,
                        null),
                Arguments.of(
                        "several windows: the first open one counts",
                        "0 1 * * *|1h|UTC;0 12 * * *|30m|UTC",
                        "2026-11-28T12:10:00Z",
                        true,
                        null),
                Arguments.of(
                        "several windows: the earliest next start",
                        "0 1 * * *|1h|UTC;0 12 * * *|30m|UTC",
                        "2026-11-28T12:40:00Z",
                        false,
                        "2026-11-29T01:00:00Z"),
                Arguments.of(
                        "day-of-month and weekday both restricted: either matches (cron)",
                        "0 0 1 * 1|1h|UTC",
                        "2026-11-30T00:10:00Z",
                        true,
                        null),
                Arguments.of(
                        "steps, names and lists",
                        "*/30 8-10 * JAN,NOV MON-FRI|10m|UTC",
                        "2026-11-27T09:45:00Z",
                        false,
                        "2026-11-27T10:00:00Z"),
                Arguments.of("zone left out is UTC", "0 3 * * *|1h", "2026-11-28T03:15:00Z", true, null),
                Arguments.of("a schedule that never fires", "0 0 30 2 *|1h|UTC", "2026-11-28T03:15:00Z", false, null),
                Arguments.of("@daily macro", "@daily|2h|UTC", "2026-11-28T01:00:00Z", true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void judgesWhetherAnUpdateMayBeWritten(String name, String windows, String now, boolean allowed, String next) {
        UpdateWindows.Verdict verdict = UpdateWindows.parse(windows).check(Instant.parse(now));

        assertEquals(allowed, verdict.allowed());
        assertEquals(Optional.ofNullable(next).map(Instant::parse), verdict.nextWindow());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("four fields", "0 22 * *|4h|UTC", "5 fields"),
                Arguments.of("hour out of range", "0 25 * * *|4h|UTC", "hour"),
                Arguments.of("bad weekday name", "0 22 * * MOX|4h|UTC", "day-of-week"),
                Arguments.of("bad duration", "0 22 * * *|four hours|UTC", "duration"),
                Arguments.of("zero duration", "0 22 * * *|0s|UTC", "positive"),
                Arguments.of("unknown zone", "0 22 * * *|4h|Mars/Olympus", "time zone"),
                Arguments.of("no duration", "0 22 * * *", "<cron schedule>|<duration>"),
                Arguments.of("reversed range", "0 22-2 * * *|1h|UTC", "hour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWindowsItCannotReadNamingWhatIsWrong(String name, String text, String mentioned) {
        InvalidUpdateWindowException e =
                assertThrows(InvalidUpdateWindowException.class, () -> UpdateWindows.parse(text));
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void roundTripsTheAnnotationForm(String name, String windows, String now, boolean allowed, String next) {
        UpdateWindows parsed = UpdateWindows.parse(windows);
        assertEquals(parsed, UpdateWindows.parse(parsed.toString()));
    }
}
