package io.imageupdater.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of Go's {@code path/filepath} match_test.go (Unix), plus the ones our settings rely on. */
class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @MethodSource
    void matchesAsFilepathMatch(String pattern, String name, boolean matches) {
        assertEquals(matches, Glob.compile(pattern).matches(name));
    }

    static Stream<Arguments> matchesAsFilepathMatch() {
        return Stream.of(
                Arguments.of("abc", "abc", true),
                Arguments.of("abc", "abcd", false),
                Arguments.of("", "", true),
                Arguments.of("", "a", false),
                Arguments.of("*", "abc", true),
                Arguments.of("*", "", true),
                Arguments.of("*c", "abc", true),
                Arguments.of("a*", "a", true),
                Arguments.of("a*", "abc", true),
                Arguments.of("a*", "ab/c", false),
                Arguments.of("*", "a/b", false),
                Arguments.of("a*/b", "abc/b", true),
                Arguments.of("a*/b", "a/c/b", false),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxe/f", true),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false),
                Arguments.of("a*b?c*x", "abxbbxdbxebxczzx", true),
                Arguments.of("a*b?c*x", "abxbbxdbxebxczzy", false),
                Arguments.of("*x", "xxx", true),
                Arguments.of("*-rc*", "1.1-rc1", true),
                Arguments.of("ab[c]", "abc", true),
                Arguments.of("ab[b-d]", "abc", true),
                Arguments.of("ab[e-g]", "abc", false),
                Arguments.of("[a-z]*", "web", true),
                Arguments.of("[a-z]*", "Web", false),
                Arguments.of("ab[^c]", "abc", false),
                Arguments.of("ab[^b-d]", "abc", false),
                Arguments.of("ab[^e-g]", "abc", true),
                Arguments.of("[^x]", "y", true),
                Arguments.of("[^x]", "x", false),
                Arguments.of("[!x]", "!", true),
                Arguments.of("[!x]", "y", false),
                Arguments.of("a\\*b", "a*b", true),
                Arguments.of("a\\*b", "ab", false),
                Arguments.of("a\\?b", "axb", false),
                Arguments.of("\\[x]", "[x]", true),
                Arguments.of("a?b", "a☺b", true),
                Arguments.of("a[^a]b", "a☺b", true),
                Arguments.of("a???b", "a☺b", false),
                Arguments.of("a[^a][^a][^a]b", "a☺b", false),
                Arguments.of("[a-ζ]*", "α", true),
                Arguments.of("*[a-ζ]", "A", false),
                Arguments.of("a?b", "a/b", false),
                Arguments.of("a*b", "a/b", false),
                Arguments.of("[\\]a]", "]", true),
                Arguments.of("[\\-]", "-", true),
                Arguments.of("[x\\-]", "x", true),
                Arguments.of("[x\\-]", "-", true),
                Arguments.of("[x\\-]", "z", false),
                Arguments.of("[\\-x]", "x", true),
                Arguments.of("[\\-x]", "-", true),
                Arguments.of("[\\-x]", "a", false),
                Arguments.of("1.0", "1x0", false),
                Arguments.of("shop-*", "shop-eu", true),
                Arguments.of("shop-*", "shop", false));
    }

    @ParameterizedTest(name = "{0} is malformed")
    @MethodSource
    void malformedPatternsFailWhenCompiled(String pattern) {
        InvalidGlobException e = assertThrows(InvalidGlobException.class, () -> Glob.compile(pattern));
        assertTrue(e.getMessage().contains("\"" + pattern + "\""), e.getMessage());
        assertEquals(pattern, e.pattern());
    }

    static Stream<String> malformedPatternsFailWhenCompiled() {
        return Stream.of(
                "[]a]", "[-]", "[x-]", "[-x]", "\\", "a\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "a/b[", "[\\", "[a");
    }

    @Test
    void specificityCountsLiteralsAndExactMeansNoWildcard() {
        assertTrue(Glob.compile("shop").exact());
        assertTrue(Glob.compile("sh\\*op").exact());
        assertFalse(Glob.compile("shop-*").exact());
        assertFalse(Glob.compile("shop-[ab]").exact());
        assertEquals(5, Glob.compile("shop-*").literals());
        assertEquals(3, Glob.compile("s?op*").literals());
    }
}
