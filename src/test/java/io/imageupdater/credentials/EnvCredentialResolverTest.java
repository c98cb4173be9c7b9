package io.imageupdater.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvCredentialResolverTest {
    private static final CredentialScope SCOPE = CredentialScope.updater(java.util.List.of("ghcr.io"));

    private final EnvCredentialResolver resolver =
            new EnvCredentialResolver(Map.of("PULL_CREDS", "robot:hunter2", "BROKEN_CREDS", "nocolonsecret")::get);

    @Test
    void resolvesUserAndPasswordFromTheVariable() {
        assertEquals(
                new Credentials("robot", "hunter2"), resolver.resolve(CredentialRef.parse("env:PULL_CREDS"), SCOPE));
    }

    @Test
    void unsetVariableIsNamed() {
        CredentialsException e = assertThrows(
                CredentialsException.class, () -> resolver.resolve(CredentialRef.parse("env:MISSING_CREDS"), SCOPE));
        assertTrue(e.getMessage().contains("MISSING_CREDS"), e.getMessage());
    }

    @Test
    void malformedValueNamesTheVariableNotTheValue() {
        CredentialsException e = assertThrows(
                CredentialsException.class, () -> resolver.resolve(CredentialRef.parse("env:BROKEN_CREDS"), SCOPE));
        assertTrue(e.getMessage().contains("env:BROKEN_CREDS"), e.getMessage());
        assertFalse(e.getMessage().contains("nocolonsecret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pullsecret:argocd/regcred", "secret:argocd/ghcr#token", "ext:/scripts/login.sh"})
    void otherSourcesAreNotSupportedYet(String reference) {
        UnsupportedCredentialSourceException e = assertThrows(
                UnsupportedCredentialSourceException.class,
                () -> resolver.resolve(CredentialRef.parse(reference), SCOPE));
        assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
        assertTrue(e.getMessage().contains(reference.substring(0, reference.indexOf(':') + 1)), e.getMessage());
    }
}
