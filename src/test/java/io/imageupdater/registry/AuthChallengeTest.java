package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
