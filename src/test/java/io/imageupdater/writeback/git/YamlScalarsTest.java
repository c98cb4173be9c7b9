package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;

class YamlScalarsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            semantic version stays plain   ; 1.25.3                      ; 1.25.3
            v-prefixed stays plain         ; v1.31.2                     ; v1.31.2
            image reference stays plain    ; ghcr.io/acme/web:1.0@sha256:abc ; ghcr.io/acme/web:1.0@sha256:abc
            float-looking is quoted        ; 1.10                        ; '"1.10"'
            integer-looking is quoted      ; 7                           ; '"7"'
            boolean-looking is quoted      ; true                        ; '"true"'
            YAML 1.1 boolean is quoted     ; on                          ; '"on"'
            null-looking is quoted         ; null                        ; '"null"'
            sexagesimal-looking is quoted  ; 12:30                       ; '"12:30"'
            leading dash is quoted         ; -rc1                        ; '"-rc1"'
            trailing colon is quoted       ; web:                        ; '"web:"'
            blank inside is quoted         ; a b                         ; '"a b"'
            hash is quoted                 ; a#b                         ; '"a#b"'
            """)
    void quotesOnlyWhenYamlWouldReadSomethingElse(String name, String value, String expected) {
        assertEquals(expected, YamlScalars.format(value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            single quotes kept        ; SINGLE_QUOTED ; 1.0      ; '''1.0'''
            single quote doubled      ; SINGLE_QUOTED ; it's     ; '''it''''s'''
            double quotes kept        ; DOUBLE_QUOTED ; 1.0.0    ; '"1.0.0"'
            double quote escaped      ; DOUBLE_QUOTED ; a"b      ; '"a\\"b"'
            plain kept                ; PLAIN         ; 1.0.0    ; 1.0.0
            plain quoted when needed  ; PLAIN         ; 1.0      ; '"1.0"'
            """)
    void keepsTheExistingStyle(String name, ScalarStyle style, String value, String expected) {
        assertEquals(expected, YamlScalars.format(value, style));
    }
}
