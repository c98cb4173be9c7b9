package io.imageupdater.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.CredentialRef.Source;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplicationCredentialSourcesTest {

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("pullsecret,secret", EnumSet.of(Source.PULL_SECRET, Source.SECRET)),
                Arguments.of(" pullsecret: , ENV ,ext:", EnumSet.of(Source.PULL_SECRET, Source.ENV, Source.EXT)),
                Arguments.of(
                        "pullsecret,secret,env,ext",
                        EnumSet.of(Source.PULL_SECRET, Source.SECRET, Source.ENV, Source.EXT)),
                Arguments.of("pullsecret,secret,env,ext,aws,gcp,azure,auto", EnumSet.allOf(Source.class)),
                Arguments.of(
                        "aws:ecr, gcp:artifact-registry ,azure:acr", EnumSet.of(Source.AWS, Source.GCP, Source.AZURE)),
                Arguments.of("aws:,auto", EnumSet.of(Source.AWS, Source.AUTO)),
                Arguments.of("none", EnumSet.noneOf(Source.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void parsesTheSetting(String text, Set<Source> expected) {
        assertEquals(expected, ApplicationCredentialSources.parse(text).allowed());
    }

    @Test
    void defaultAllowsOnlySecretsInTheApplicationsNamespace() {
        assertEquals(
                EnumSet.of(Source.PULL_SECRET, Source.SECRET),
                ApplicationCredentialSources.defaults().allowed());
        assertEquals(
                "pullsecret,secret", ApplicationCredentialSources.defaults().names());
    }

    @Test
    void unknownSourceNamesTheSetting() {
        CredentialsException e =
                assertThrows(CredentialsException.class, () -> ApplicationCredentialSources.parse("secret,vault"));
        assertTrue(e.getMessage().startsWith("application-credential-sources: \"vault\""), e.getMessage());
    }

    @ParameterizedTest(name = "{0} is refused by default")
    @MethodSource
    void envAndExtAreRefusedNamingImageAndSource(String reference, String prefix) {
        CredentialRef ref = CredentialRef.parse(reference);

        RefusedCredentialSourceException e = assertThrows(
                RefusedCredentialSourceException.class,
                () -> ApplicationCredentialSources.defaults().check(ref, "ghcr.io/acme/web"));

        assertTrue(e.getMessage().contains("image ghcr.io/acme/web"), e.getMessage());
        assertTrue(e.getMessage().contains("credential source " + prefix), e.getMessage());
        assertTrue(e.getMessage().contains("application-credential-sources allows pullsecret,secret"), e.getMessage());
        assertFalse(e.getMessage().contains(ref.name()), "the variable or script is not named: " + e.getMessage());
        assertEquals(ref.source(), e.source());
    }

    static Stream<Arguments> envAndExtAreRefusedNamingImageAndSource() {
        return Stream.of(
                Arguments.of("env:UPDATER_TOKEN", "env:"),
                Arguments.of("ghcr.io=env:UPDATER_TOKEN", "env:"),
                Arguments.of("ext:/app/scripts/ecr-login.sh", "ext:"));
    }

    @ParameterizedTest(name = "{0} is refused by default")
    @org.junit.jupiter.params.provider.CsvSource({"aws:ecr, aws:", "gcp:artifact-registry, gcp:", "azure:acr, azure:"})
    void cloudSourcesAreRefusedByDefaultAndAllowedByName(String reference, String prefix) {
        CredentialRef ref = CredentialRef.parse(reference);

        RefusedCredentialSourceException e = assertThrows(
                RefusedCredentialSourceException.class,
                () -> ApplicationCredentialSources.defaults().check(ref, "ghcr.io/acme/web"));

        assertTrue(e.getMessage().contains("credential source " + prefix), e.getMessage());
        assertSame(
                ref, ApplicationCredentialSources.parse("pullsecret," + prefix).check(ref, "web"));
    }

    @Test
    void allowedSourcesPass() {
        CredentialRef secret = CredentialRef.parse("secret:team-a/creds#token");
        CredentialRef env = CredentialRef.parse("env:TOKEN");

        assertSame(secret, ApplicationCredentialSources.defaults().check(secret, "web"));
        assertSame(
                env, ApplicationCredentialSources.parse("pullsecret,secret,env").check(env, "web"));
        assertThrows(
                RefusedCredentialSourceException.class,
                () -> ApplicationCredentialSources.parse("none").check(secret, "web"));
    }
}
