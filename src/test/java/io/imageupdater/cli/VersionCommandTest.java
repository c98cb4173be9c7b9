package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the build recorded (Maven fills build-info.properties) and how {@code version} prints it. */
class VersionCommandTest {

    @Test
    void buildRecordedVersionCommitAndIsoDate() {
        BuildInfo info = BuildInfo.load();

        assertEquals(System.getProperty("project.version", info.version()), info.version());
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+.*"), info.version());
        assertTrue(info.commit().matches("[0-9a-f]{7}"), "short commit: " + info.commit());
        Instant built = Instant.parse(info.date());
        assertTrue(built.isBefore(Instant.now().plusSeconds(60)), info.date());
    }

    static Stream<Arguments> forms() {
        BuildInfo info = new BuildInfo("1.2.3", "abc1234", "2026-01-02T03:04:05Z");
        return Stream.of(
                Arguments.of("short is the version alone", info, true, "1.2.3"),
                Arguments.of(
                        "long names version, commit and date",
                        info,
                        false,
                        "image-updater 1.2.3\n  commit: abc1234\n  built:  2026-01-02T03:04:05Z\n  java:   "
                                + Runtime.version()),
                Arguments.of(
                        "unknown commit stays visible",
                        new BuildInfo("1.2.3", "unknown", "unknown"),
                        false,
                        "image-updater 1.2.3\n  commit: unknown\n  built:  unknown\n  java:   " + Runtime.version()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void prints(String name, BuildInfo info, boolean shortForm, String expected) {
        assertEquals(expected, VersionCommand.text(info, shortForm).replace(System.lineSeparator(), "\n"));
    }
}
