package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GitCredentialsTest {

    @Test
    void toStringShowsNoSecret() {
        GitCredentials credentials = new GitCredentials(
                "bot", "hunter2-token", "-----BEGIN KEY-----\nAAAAsecretkeymaterial1234\n", "secret argocd/repo");
        String text = credentials.toString();
        assertFalse(text.contains("hunter2-token"), text);
        assertFalse(text.contains("secretkeymaterial"), text);
        assertFalse(text.contains("bot"), text);
        assertTrue(text.contains("secret argocd/repo"), text);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "password in a URL", "https://bot:hunter2-token@git.example.com/a.git: not authorized"),
                        "https://***@git.example.com/a.git: not authorized"),
                Arguments.of(
                        Named.of("password echoed", "server said hunter2-token is wrong"), "server said *** is wrong"),
                Arguments.of(Named.of("key line echoed", "cannot parse AAAAsecretkeymaterial1234"), "cannot parse ***"),
                Arguments.of(
                        Named.of("ssh user is no secret", "ssh://git@git.example.com/a.git"),
                        "ssh://git@git.example.com/a.git"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void messagesAreCleaned(String message, String expected) {
        GitCredentials credentials = new GitCredentials(
                "bot",
                "hunter2-token",
                "-----BEGIN KEY-----\nAAAAsecretkeymaterial1234\n-----END KEY-----\n",
                "secret argocd/repo");
        assertEquals(expected, Redaction.clean(message, credentials));
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of(Named.of("same", "https://git.example.com/acme/deploy"), true),
                Arguments.of(Named.of(".git suffix", "https://git.example.com/acme/deploy.git"), true),
                Arguments.of(Named.of("trailing slash and case", "HTTPS://git.example.com/Acme/deploy/"), true),
                Arguments.of(Named.of("another repository", "https://git.example.com/acme/deploy2"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void repositoryUrlsMatchAsArgocdMatchesThem(String url, boolean same) {
        assertEquals(
                same,
                GitCredentialSource.normalize(url)
                        .equals(GitCredentialSource.normalize("https://git.example.com/acme/deploy.git")));
    }
}
