package io.imageupdater.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticVersionTest {

    @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            full version                    ; 1.2.3          ; 1.2.3
            v prefix                        ; v1.2.3         ; 1.2.3
            partial major.minor             ; 1.2            ; 1.2.0
            major only                      ; 1              ; 1.0.0
            v and major only                ; v2             ; 2.0.0
            pre-release                     ; 1.2.3-rc.1     ; 1.2.3-rc.1
            partial with pre-release        ; 1.2-beta       ; 1.2.0-beta
            build metadata                  ; 1.2.3+build    ; 1.2.3+build
            alphanumeric pre-release part   ; 1.2.3-0a       ; 1.2.3-0a
            number beyond int range         ; 20230105123456 ; 20230105123456.0.0
            word                            ; latest         ; none
            four numbers                    ; 1.2.3.4        ; none
            leading zero major              ; 01.2.3         ; none
            leading zero minor              ; 1.02.3         ; none
            leading zero numeric pre-release; 1.2.3-01       ; none
            capital V                       ; V1.2.3         ; none
            empty pre-release               ; 1.2.3-         ; none
            double v                        ; vv1            ; none
            """)
    void parsesLikeMastermindsNewVersion(String name, String tag, String normalized) {
        assertEquals(
                normalized,
                SemanticVersion.parse(tag).map(SemanticVersion::normalized).orElse(null));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            patch numerically                  ; 1.2.3          ; 1.2.10          ; -1
            major beyond int range             ; 20230105123456 ; 20230105123455  ; 1
            pre-release below its release      ; 1.0.0-rc.1     ; 1.0.0           ; -1
            shorter pre-release first          ; 1.0.0-alpha    ; 1.0.0-alpha.1   ; -1
            numeric identifiers numerically    ; 1.0.0-alpha.10 ; 1.0.0-alpha.9   ; 1
            numeric identifier below word      ; 1.0.0-1        ; 1.0.0-alpha     ; -1
            words lexically                    ; 1.0.0-rc.1     ; 1.0.0-beta.2    ; 1
            partial equals full with v         ; 1.0            ; v1.0.0          ; 0
            build metadata ignored             ; 1.0.0+a        ; 1.0.0+b         ; 0
            """)
    void ordersBySemverPrecedence(String name, String left, String right, int expected) {
        SemanticVersion a = SemanticVersion.parse(left).orElseThrow();
        SemanticVersion b = SemanticVersion.parse(right).orElseThrow();
        assertEquals(expected, Integer.signum(a.compareTo(b)));
        assertEquals(-expected, Integer.signum(b.compareTo(a)));
    }
}
