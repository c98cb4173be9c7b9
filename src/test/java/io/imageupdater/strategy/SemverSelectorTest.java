package io.imageupdater.strategy;

import static io.imageupdater.strategy.SelectorFixtures.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.image.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverSelectorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            no constraint, highest release           ;              ; 1.0.0 1.2.0 1.10.0 1.9.0          ; 1.10.0     ; 4
            no constraint skips pre-releases         ;              ; 1.0.0 2.0.0-rc.1                  ; 1.0.0      ; 1
            non-version tags are dropped             ;              ; latest 1.0.0 main sha-abc123 0.9  ; 1.0.0      ; 2
            tilde keeps to the minor                 ; ~1.2         ; 1.1.0 1.2.0 1.2.5 1.3.0           ; 1.2.5      ; 2
            constraint naming a pre-release          ; >=2.0.0-0    ; 1.0.0 2.0.0-rc.1 2.0.0-rc.2       ; 2.0.0-rc.2 ; 2
            nothing eligible is empty                ; ^3           ; 1.0.0 2.0.0                       ; none       ; 0
            no tags at all                           ;              ;                                   ; none       ; 0
            equal versions, greatest text wins       ;              ; 1.0 1.0.0 v1.0.0                  ; v1.0.0     ; 3
            equal versions without v                 ;              ; 1.0.0 1.0                         ; 1.0.0      ; 2
            equal versions differing in build        ;              ; 1.0.0+a 1.0.0+b                   ; 1.0.0+b    ; 2
            v-prefixed tags with caret               ; ^1           ; v1.0.0 v1.5.0 v2.0.0              ; v1.5.0     ; 2
            partial tags                             ; >=1          ; 1 1.1 2                           ; 2          ; 3
            comma range                              ; '>=1.0, <2'  ; 0.9 1.0 1.9.9 2.0                 ; 1.9.9      ; 2
            highest across OR alternatives           ; 1.x || 3.x   ; 1.4.0 2.0.0 3.1.0                 ; 3.1.0      ; 2
            """)
    void selectsTheHighestAllowedVersion(String name, String constraint, String tags, String chosen, int candidates) {
        Selection selection = new SemverSelector(constraint).select(tags(tags));
        assertEquals(chosen, selection.chosen().map(Tag::name).orElse(null));
        assertEquals(candidates, selection.candidates());
    }

    @ParameterizedTest(name = "invalid constraint ''{0}'' fails in the constructor")
    @ValueSource(strings = {">>1", "~", "1.2.3.4.5", "abc"})
    void validatesEagerly(String constraint) {
        InvalidConstraintException e =
                assertThrows(InvalidConstraintException.class, () -> new SemverSelector(constraint));
        assertTrue(e.getMessage().contains(constraint), e.getMessage());
    }
}
