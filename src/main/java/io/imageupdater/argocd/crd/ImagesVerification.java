package io.imageupdater.argocd.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.imageupdater.argocd.VerificationSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code imagesVerification} block, at the top level, per {@code applicationRef} and per image (the most specific
 * level that sets a field wins; a level that sets {@code cosignKey} or {@code keyless} replaces both, and one that sets
 * {@code cosignKey} drops an inherited {@code trustedRoot}). The Secret and
 * ConfigMap live in the ImageUpdater's namespace.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImagesVerification(Boolean enabled, CosignKey cosignKey, Keyless keyless, TrustedRootRef trustedRoot) {

    public static final ImagesVerification NONE = new ImagesVerification(null, null, null, null);

    /** {@code cosignKey}: the Secret and its key holding a PEM public key. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CosignKey(String secretName, String key) {}

    /** {@code keyless}: the OIDC issuer and subject of Fulcio-certified signatures. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Keyless(String issuer, String issuerRegExp, String subject, String subjectRegExp) {}

    /** {@code trustedRoot}: a ConfigMap key holding a Sigstore trusted root JSON. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrustedRootRef(String configMapName, String key) {}

    /** These settings with what {@code more} sets taken from it. */
    public ImagesVerification overriddenBy(ImagesVerification more) {
        if (more == null) {
            return this;
        }
        boolean mode = more.cosignKey != null || more.keyless != null;
        return new ImagesVerification(
                more.enabled != null ? more.enabled : enabled,
                mode ? more.cosignKey : cosignKey,
                mode ? more.keyless : keyless,
                more.trustedRoot != null || more.cosignKey != null ? more.trustedRoot : trustedRoot);
    }

    /**
     * The settings to verify with, or {@code null} when not enabled.
     *
     * @throws IllegalArgumentException naming an invalid combination
     */
    public VerificationSettings settings(String namespace) {
        if (!Boolean.TRUE.equals(enabled)) {
            return null;
        }
        Keyless k = keyless == null ? new Keyless(null, null, null, null) : keyless;
        return new VerificationSettings(
                namespace,
                cosignKey == null ? null : blankAsMissing(cosignKey.secretName()),
                cosignKey == null ? null : blankAsMissing(cosignKey.key()),
                k.issuer(),
                k.issuerRegExp(),
                k.subject(),
                k.subjectRegExp(),
                trustedRoot == null ? null : trustedRoot.configMapName(),
                trustedRoot == null ? null : trustedRoot.key());
    }

    /** A cosignKey block with an empty field still counts as a (bad) cosignKey. */
    private static String blankAsMissing(String text) {
        return text == null || text.isBlank() ? "" : text;
    }
}
