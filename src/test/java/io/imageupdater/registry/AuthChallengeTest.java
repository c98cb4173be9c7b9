package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthChallengeTest {

    @Test
    void parsesBearerChallenge() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"");
        assertTrue(challenge.isBearer());
        assertEquals("https://auth.docker.io/token", challenge.realm());
        assertEquals("registry.docker.io", challenge.service());
        assertEquals("repository:library/nginx:pull", challenge.params().get("scope"));
    }

    @Test
    void parsesBasicChallengeAndAbsence() {
        AuthChallenge basic = AuthChallenge.parse("Basic realm=\"test\"");
        assertTrue(basic.isBasic());
        assertEquals(Map.of("realm", "test"), basic.params());
        assertNull(AuthChallenge.parse(null));
        assertNull(AuthChallenge.parse(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "relative next   | '</v2/a/b/tags/list?last=t2&n=2>; rel=\"next\"' | /v2/a/b/tags/list?last=t2&n=2",
                "absolute next   | '<https://r.io/v2/a/tags/list?n=5&last=x>; rel=next' | https://r.io/v2/a/tags/list?n=5&last=x",
                "prev only       | '</v2/a/tags/list?last=a>; rel=\"prev\"'          | -",
                "absent          | -                                                   | -",
            })
    void findsTheNextLink(String row, String header, String expected) {
        assertEquals(expected, RegistryClient.nextLink(header));
    }

    @Test
    void readsLastAndNFromALink() {
        assertEquals(Map.of("last", "v1.0+x", "n", "2"), RegistryClient.query("/v2/a/tags/list?last=v1.0%2Bx&n=2"));
    }
}
