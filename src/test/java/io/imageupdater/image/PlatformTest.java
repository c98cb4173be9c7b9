package io.imageupdater.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            os and architecture       ; linux/amd64        ; linux ; amd64 ; none
            with variant              ; linux/arm/v7       ; linux ; arm   ; v7
            surrounding blanks        ; ' linux/arm64 '    ; linux ; arm64 ; none
            """)
    void parses(String name, String text, String os, String arch, String variant) {
        assertEquals(Optional.of(new Platform(os, arch, variant)), Platform.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            os only                ; linux
            empty                  ; ''
            missing architecture   ; linux/
            missing os             ; /amd64
            too many parts         ; linux/arm/v7/extra
            empty variant slot     ; linux//v7
            blank inside           ; linux/ amd64
            null                   ; none
            """)
    void unparsableIsEmpty(String name, String text) {
        assertEquals(Optional.empty(), Platform.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            no variant matches v7                ; linux/arm    ; linux   ; arm   ; v7   ; true
            no variant matches v6                ; linux/arm    ; linux   ; arm   ; v6   ; true
            no variant matches none              ; linux/arm    ; linux   ; arm   ; none ; true
            variant matches itself               ; linux/arm/v7 ; linux   ; arm   ; v7   ; true
            variant rejects other variant        ; linux/arm/v7 ; linux   ; arm   ; v6   ; false
            variant rejects missing variant      ; linux/arm/v7 ; linux   ; arm   ; none ; false
            other os                             ; linux/amd64  ; windows ; amd64 ; none ; false
            other architecture                   ; linux/amd64  ; linux   ; arm64 ; none ; false
            """)
    void matches(String name, String entry, String os, String arch, String variant, boolean expected) {
        assertEquals(expected, Platform.parse(entry).orElseThrow().matches(os, arch, variant));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            two entries with blanks and junk ; 'linux/amd64, linux/arm64/v8 , bogus,' ; linux/amd64 linux/arm64/v8
            single entry                     ; windows/amd64                           ; windows/amd64
            empty text                       ; ''                                      ; ''
            null                             ; none                                    ; ''
            """)
    void parsesLists(String name, String text, String expected) {
        assertEquals(
                expected,
                String.join(
                        " ",
                        Platform.parseList(text).stream()
                                .map(Platform::toString)
                                .toList()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            linux amd64           ; Linux      ; amd64   ; linux/amd64
            linux x86_64          ; Linux      ; x86_64  ; linux/amd64
            linux aarch64         ; Linux      ; aarch64 ; linux/arm64
            mac on apple silicon  ; Mac OS X   ; aarch64 ; darwin/arm64
            windows               ; Windows 11 ; amd64   ; windows/amd64
            linux arm             ; Linux      ; arm     ; linux/arm
            linux ppc64le         ; Linux      ; ppc64le ; linux/ppc64le
            linux 32-bit x86      ; Linux      ; x86     ; linux/386
            """)
    void mapsJvmNamesToGoNames(String name, String osName, String osArch, String expected) {
        assertEquals(expected, Platform.fromJvm(osName, osArch).toString());
    }

    @Test
    void currentIsTheJvmPlatform() {
        assertEquals(
                Platform.fromJvm(System.getProperty("os.name"), System.getProperty("os.arch")), Platform.current());
    }

    @Test
    void toStringRoundTrips() {
        List<String> texts = List.of("linux/amd64", "linux/arm/v7");
        assertEquals(
                texts,
                texts.stream()
                        .map(t -> Platform.parse(t).orElseThrow().toString())
                        .toList());
    }
}
