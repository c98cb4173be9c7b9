package io.imageupdater.verification;

import java.security.PublicKey;

/**
 * What a signature must satisfy for an image to be eligible: signed by {@code key}, or keyless by {@code identity}
 * with a certificate chaining to {@code trustedRoot} and logged in one of its transparency logs. Exactly one of the
 * two forms; validated here.
 *
 * @param key         the public key, or {@code null} for keyless
 * @param identity    the keyless identity, or {@code null} for a key
 * @param trustedRoot the trusted root for keyless (required with {@code identity})
 * @param source      where the key or root came from, for messages and the cache key ({@code secret:ns/name#key})
 */
public record VerificationPolicy(PublicKey key, KeylessIdentity identity, TrustedRoot trustedRoot, String source) {

    public VerificationPolicy {
        if ((key == null) == (identity == null)) {
            throw new IllegalArgumentException(
                    "a verification policy needs exactly one of a key and a keyless identity");
        }
        if (identity != null && trustedRoot == null) {
            throw new IllegalArgumentException("keyless verification needs a trusted root");
        }
        source = source == null ? "" : source;
    }

    public static VerificationPolicy ofKey(PublicKey key, String source) {
        return new VerificationPolicy(key, null, null, source);
    }

    public static VerificationPolicy keyless(KeylessIdentity identity, TrustedRoot root, String source) {
        return new VerificationPolicy(null, identity, root, source);
    }

    /** What decides a verdict, as text: the key's bytes or the identity and root; a cache key, never logged. */
    String fingerprint() {
        if (key != null) {
            return "key:" + PublicKeys.keyId(key);
        }
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (var chain : trustedRoot.authorities()) {
                for (var cert : chain) {
                    sha.update(cert.getEncoded());
                }
            }
            trustedRoot.logs().keySet().stream().sorted().forEach(id -> sha.update(id.getBytes()));
            return "keyless:" + identity + ":" + java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a trusted root", e);
        }
    }

    /** The policy for messages: the key source, or the identity. */
    public String describe() {
        return key != null ? "key " + source : "keyless identity " + identity;
    }
}
