package io.imageupdater.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionConstraintTest {

    @ParameterizedTest(name = "{0}: ''{1}'' allows ''{2}'' = {3}")
    @CsvSource(delimiter = ';', textBlock = """
            equal operator, same version            ; =1.2.3           ; 1.2.3        ; true
            equal operator, other patch             ; =1.2.3           ; 1.2.4        ; false
            equal operator ignores build metadata   ; =1.2.3           ; 1.2.3+build.7; true
            bare full version is equality           ; 1.2.3            ; 1.2.3        ; true
            bare full version, other version        ; 1.2.3            ; 1.2.30       ; false
            bare 1.2 means 1.2.x                    ; 1.2              ; 1.2.9        ; true
            bare 1.2 excludes next minor            ; 1.2              ; 1.3.0        ; false
            bare 1 means 1.x                        ; 1                ; 1.9.9        ; true
            bare 1 excludes next major              ; 1                ; 2.0.0        ; false
            equal with wildcard patch               ; =1.2.x           ; 1.2.7        ; true
            1.2.x allows 1.2.0                      ; 1.2.x            ; 1.2.0        ; true
            1.2.x excludes 1.3.0                    ; 1.2.x            ; 1.3.0        ; false
            1.x allows any minor                    ; 1.x              ; 1.7.3        ; true
            1.x excludes 2.0.0                      ; 1.x              ; 2.0.0        ; false
            1.x excludes 0.9.0                      ; 1.x              ; 0.9.0        ; false
            upper-case X wildcard                   ; 1.X              ; 1.5.0        ; true
            star wildcard in minor                  ; 1.*              ; 1.2.3        ; true
            star allows anything low                ; *                ; 0.0.1        ; true
            star allows anything high               ; *                ; 99.0.0       ; true
            x allows anything                       ; x                ; 3.4.5        ; true
            star excludes pre-releases              ; *                ; 1.0.0-rc.1   ; false
            not equal, other version                ; !=1.2.3          ; 1.2.4        ; true
            not equal, same version                 ; !=1.2.3          ; 1.2.3        ; false
            not equal 1.2 excludes all of 1.2.x     ; !=1.2            ; 1.2.5        ; false
            not equal 1.2 allows 1.3.0              ; !=1.2            ; 1.3.0        ; true
            not equal 1 excludes all of 1.x         ; !=1              ; 1.5.0        ; false
            not equal 1 allows 2.0.0                ; !=1              ; 2.0.0        ; true
            greater, next patch                     ; >1.2.3           ; 1.2.4        ; true
            greater, same version                   ; >1.2.3           ; 1.2.3        ; false
            greater than 1.2 needs a higher minor   ; >1.2             ; 1.2.9        ; false
            greater than 1.2, next minor            ; >1.2             ; 1.3.0        ; true
            greater than 1 needs a higher major     ; >1               ; 1.9.0        ; false
            greater than 1, next major              ; >1               ; 2.0.0        ; true
            less, lower patch                       ; <1.2.3           ; 1.2.2        ; true
            less, same version                      ; <1.2.3           ; 1.2.3        ; false
            less than 1.2 is below 1.2.0            ; <1.2             ; 1.1.9        ; true
            less than 1.2 excludes 1.2.0            ; <1.2             ; 1.2.0        ; false
            less than 2 allows 1.99.99              ; <2               ; 1.99.99      ; true
            less than 2 excludes 2.0.0              ; <2               ; 2.0.0        ; false
            greater or equal, same version          ; >=1.2.3          ; 1.2.3        ; true
            greater or equal, lower                 ; >=1.2.3          ; 1.2.2        ; false
            arrow greater or equal, same version    ; =>1.2.3          ; 1.2.3        ; true
            arrow greater or equal, lower           ; =>1.2.3          ; 1.2.2        ; false
            greater or equal partial                ; >=1.2            ; 1.2.0        ; true
            less or equal, same version             ; <=1.2.3          ; 1.2.3        ; true
            less or equal, higher                   ; <=1.2.3          ; 1.2.4        ; false
            arrow less or equal, same version       ; =<1.2.3          ; 1.2.3        ; true
            arrow less or equal, higher             ; =<1.2.3          ; 1.2.4        ; false
            less or equal 1.2 includes 1.2.9        ; <=1.2            ; 1.2.9        ; true
            less or equal 1.2 excludes 1.3.0        ; <=1.2            ; 1.3.0        ; false
            less or equal 1 includes 1.9.9          ; <=1              ; 1.9.9        ; true
            less or equal 1 excludes 2.0.0          ; <=1              ; 2.0.0        ; false
            tilde full, same version                ; ~1.2.3           ; 1.2.3        ; true
            tilde full, later patch                 ; ~1.2.3           ; 1.2.9        ; true
            tilde full, next minor                  ; ~1.2.3           ; 1.3.0        ; false
            tilde full, lower patch                 ; ~1.2.3           ; 1.2.2        ; false
            tilde minor, floor                      ; ~1.2             ; 1.2.0        ; true
            tilde minor, high patch                 ; ~1.2             ; 1.2.99       ; true
            tilde minor, next minor                 ; ~1.2             ; 1.3.0        ; false
            tilde minor, below                      ; ~1.2             ; 1.1.9        ; false
            tilde major allows minors               ; ~1               ; 1.9.0        ; true
            tilde major excludes next major         ; ~1               ; 2.0.0        ; false
            tilde arrow                             ; ~>1.2            ; 1.2.5        ; true
            tilde arrow, next minor                 ; ~>1.2            ; 1.3.0        ; false
            tilde with wildcard                     ; ~1.x             ; 1.5.0        ; true
            caret minor, floor                      ; ^1.2             ; 1.2.0        ; true
            caret minor, high minor                 ; ^1.2             ; 1.99.0       ; true
            caret minor, next major                 ; ^1.2             ; 2.0.0        ; false
            caret minor, below                      ; ^1.2             ; 1.1.9        ; false
            caret full, below                       ; ^1.2.3           ; 1.2.2        ; false
            caret full, higher minor                ; ^1.2.3           ; 1.9.0        ; true
            caret zero major, same minor            ; ^0.2             ; 0.2.9        ; true
            caret zero major, next minor            ; ^0.2             ; 0.3.0        ; false
            caret zero major, lower minor           ; ^0.2             ; 0.1.9        ; false
            caret 0.2.3, later patch                ; ^0.2.3           ; 0.2.4        ; true
            caret 0.2.3, next minor                 ; ^0.2.3           ; 0.3.0        ; false
            caret 0.0.3, itself                     ; ^0.0.3           ; 0.0.3        ; true
            caret 0.0.3, next patch                 ; ^0.0.3           ; 0.0.4        ; false
            caret 0.0.3, lower patch                ; ^0.0.3           ; 0.0.2        ; false
            caret 0.0.3, other minor                ; ^0.0.3           ; 0.1.3        ; false
            caret 0.0, any patch                    ; ^0.0             ; 0.0.9        ; true
            caret 0.0, next minor                   ; ^0.0             ; 0.1.0        ; false
            caret 0, any minor                      ; ^0               ; 0.9.0        ; true
            caret 0, next major                     ; ^0               ; 1.0.0        ; false
            caret star allows anything              ; ^*               ; 5.0.0        ; true
            comma AND, inside                       ; '>=1.0, <2'      ; 1.5.0        ; true
            comma AND, upper bound                  ; '>=1.0, <2'      ; 2.0.0        ; false
            comma AND, lower bound                  ; '>=1.0, <2'      ; 0.9.0        ; false
            comma AND without space                 ; '>=1.0,<2'       ; 1.5.0        ; true
            space AND, inside                       ; >=1.0 <2         ; 1.5.0        ; true
            space AND, outside                      ; >=1.0 <2         ; 2.1.0        ; false
            spaces after operators                  ; '>= 1.0, < 2'    ; 1.5.0        ; true
            OR, first alternative                   ; <1.0 || >=2.0    ; 0.5.0        ; true
            OR, between alternatives                ; <1.0 || >=2.0    ; 1.5.0        ; false
            OR, second alternative                  ; <1.0 || >=2.0    ; 2.0.0        ; true
            OR of wildcards, gap                    ; 1.2.x || 1.4.x   ; 1.3.0        ; false
            OR of wildcards, second                 ; 1.2.x || 1.4.x   ; 1.4.2        ; true
            hyphen range, lower end inclusive       ; 1.2 - 1.4.5      ; 1.2.0        ; true
            hyphen range, upper end inclusive       ; 1.2 - 1.4.5      ; 1.4.5        ; true
            hyphen range, above                     ; 1.2 - 1.4.5      ; 1.4.6        ; false
            hyphen range, below                     ; 1.2 - 1.4.5      ; 1.1.9        ; false
            hyphen range, partial upper end         ; 1.2 - 1.4        ; 1.4.9        ; true
            hyphen range, above partial upper end   ; 1.2 - 1.4        ; 1.5.0        ; false
            hyphen range with v prefixes            ; v1.2 - v1.4.5    ; 1.3.0        ; true
            hyphen range in an OR                   ; 1.0 - 1.2 || 2.x ; 2.3.0        ; true
            v prefix on the constraint              ; >=v1.2.0         ; 1.2.0        ; true
            v prefix on the tag                     ; >=1.2.0          ; v1.3.0       ; true
            v prefix on both, caret                 ; ^v1.2            ; v1.5.0       ; true
            v prefix on both, tilde outside         ; ~v1.2            ; v1.3.0       ; false
            partial tag 1.2 read as 1.2.0           ; >=1.2.0          ; 1.2          ; true
            partial tag equals full constraint      ; 1.2.0            ; 1.2          ; true
            major-only tag read as 1.0.0            ; <1.1.0           ; 1            ; true
            major-only tag and caret                ; ^1               ; 1            ; true
            pre-release excluded by release range   ; >=1.0.0          ; 1.5.0-rc.1   ; false
            pre-release excluded by tilde           ; ~1.2             ; 1.2.5-beta   ; false
            pre-release allowed by -0 floor         ; >=1.0.0-0        ; 1.5.0-rc.1   ; true
            pre-release compared to pre-release     ; >=1.2.3-alpha    ; 1.2.3-beta   ; true
            pre-release below the floor             ; >=1.2.3-beta     ; 1.2.3-alpha  ; false
            release above a pre-release floor       ; >=1.2.3-alpha    ; 1.2.3        ; true
            pre-release in one term opens the group ; >=1.0.0-0 <2.0.0 ; 1.5.0-rc.1   ; true
            pre-release group does not open others  ; >=3.0.0-0 <4 || >=1.0.0 ; 1.5.0-rc.1 ; false
            pre-release inside the opened group     ; >=3.0.0-0 <4 || >=1.0.0 ; 3.1.0-rc.1 ; true
            exact pre-release                       ; 1.2.3-beta       ; 1.2.3-beta   ; true
            numeric pre-release identifiers         ; >1.0.0-rc.9      ; 1.0.0-rc.10  ; true
            word tag is not a version               ; *                ; latest       ; false
            four-part tag is not a version          ; *                ; 1.2.3.4      ; false
            leading zero tag is not a version       ; *                ; 01.2.3       ; false
            capital V is not a prefix               ; *                ; V1.2.3       ; false
            dangling hyphen is not a version        ; *                ; 1.2.3-       ; false
            build metadata is a version             ; *                ; 1.2.3+build.5; true
            """)
    void allows(String name, String constraint, String tag, boolean expected) {
        assertEquals(expected, VersionConstraint.parse(constraint).allows(tag));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            double operator                  ; >>1
            operator without version         ; ~
            caret without version            ; ^
            five numbers                     ; 1.2.3.4.5
            a word                           ; abc
            latest                           ; latest
            doubled comma                    ; '>=1.0,,<2'
            empty alternative                ; '1.2 ||'
            leading zero                     ; 01.2
            letters inside a number          ; >=1.0 <3x
            dangling pre-release hyphen      ; 1.2.3-
            half a hyphen range              ; '1.2.3 - '
            """)
    void rejectsInvalidConstraintsNamingThem(String name, String constraint) {
        InvalidConstraintException e =
                assertThrows(InvalidConstraintException.class, () -> VersionConstraint.parse(constraint));
        assertTrue(e.getMessage().contains("\"" + constraint + "\""), e.getMessage());
        assertEquals(constraint, e.constraint());
    }

    @ParameterizedTest(name = "blank constraint ''{0}'' allows releases only")
    @NullSource
    @ValueSource(strings = {"", "   "})
    void blankConstraintAllowsEveryRelease(String blank) {
        VersionConstraint constraint = VersionConstraint.parse(blank);
        assertTrue(constraint.isEmpty());
        assertTrue(constraint.allows("1.0.0"));
        assertTrue(constraint.allows("v999.1"));
        assertEquals(false, constraint.allows("2.0.0-rc.1"));
        assertEquals(false, constraint.allows("latest"));
    }

    @Test
    void invalidConstraintIsAnImageUpdaterException() {
        assertTrue(io.imageupdater.ImageUpdaterException.class.isAssignableFrom(InvalidConstraintException.class));
    }
}
