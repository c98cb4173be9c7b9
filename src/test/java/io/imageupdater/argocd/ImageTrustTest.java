package io.imageupdater.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The annotations {@code <alias>.verify-key}, {@code <alias>.verify-identity} and {@code <alias>.min-age}. */
class ImageTrustTest {

    private static final String P = Annotations.PREFIX;

    private static ApplicationSpec parse(Map<String, String> settings) {
        Map<String, String> annotations = new HashMap<>(Map.of(P + "image-list", "web=ghcr.io/acme/web"));
        settings.forEach((key, value) -> annotations.put(P + key, value));
        return ApplicationSpecParser.parse(annotations, "team-a/shop");
    }

    @Test
    void aKeyReferenceNamesASecretInTheApplicationsNamespace() {
        ImageSpec spec = parse(Map.of("web.verify-key", "secret:cosign#cosign.pub"))
                .images()
                .get(0);
        assertEquals(
                new VerificationSettings("team-a", "cosign", "cosign.pub", null, null, null, null, null, null),
                spec.verification());
        assertNull(spec.minAge());
    }

    @Test
    void anIdentityIsIssuerAndSubjectRegExpWithAnOptionalTrustedRoot() {
        VerificationSettings settings = parse(Map.of(
                        "web.verify-identity",
                        "https://token.actions.githubusercontent.com|https://github\\.com/acme/.*",
                        "web.verify-trusted-root",
                        "configmap:sigstore#trusted_root.json"))
                .images()
                .get(0)
                .verification();
        assertTrue(settings.keyless());
        assertEquals("https://token.actions.githubusercontent.com", settings.issuer());
        assertEquals("https://github\\.com/acme/.*", settings.subjectRegExp());
        assertEquals("sigstore", settings.rootConfigMap());
        assertEquals("trusted_root.json", settings.rootKey());
    }

    @Test
    void applicationWideSettingsApplyAndPerImageOnesWin() {
        ImageSpec spec = parse(Map.of("min-age", "1h", "web.min-age", "24h", "verify-key", "secret:k#pub"))
                .images()
                .get(0);
        assertEquals(Duration.ofHours(24), spec.minAge());
        assertEquals("k", spec.verification().keySecret());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "key and identity",
                        Map.of("web.verify-key", "secret:k#pub", "web.verify-identity", "a|b"),
                        "are mutually exclusive"),
                Arguments.of("key not secret:", Map.of("web.verify-key", "env:KEY"), "is not secret:<name>#<key>"),
                Arguments.of(
                        "identity without bar", Map.of("web.verify-identity", "issuer"), "<issuer>|<subject-regexp>"),
                Arguments.of(
                        "identity with a bad expression",
                        Map.of("web.verify-identity", "a|(unclosed"),
                        "subjectRegExp \"(unclosed\" is not a regular expression"),
                Arguments.of(
                        "trusted root without identity",
                        Map.of("web.verify-trusted-root", "configmap:r#k"),
                        "applies only with"),
                Arguments.of("min-age not a duration", Map.of("web.min-age", "1 day"), "is not a duration such as 24h"),
                Arguments.of("negative min-age", Map.of("web.min-age", "-1h"), "is negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSettingsSkipTheImageWithAClearError(String name, Map<String, String> settings, String message) {
        ApplicationSpec spec = parse(settings);
        assertEquals(List.of(), spec.images());
        assertEquals(1, spec.errors().size());
        String error = spec.errors().get(0).message();
        assertTrue(error.startsWith("application team-a/shop: image web is skipped: "), error);
        assertTrue(error.contains(message), error);
    }
}
