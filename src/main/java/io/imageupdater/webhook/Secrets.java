package io.imageupdater.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Comparisons of what a request carries with a configured secret, in constant time. */
final class Secrets {

    private Secrets() {}

    /** Whether {@code given} is the secret; the time taken does not depend on where they differ, nor on their lengths. */
    static boolean same(String given, String secret) {
        if (given == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sha256(given.getBytes(StandardCharsets.UTF_8)), sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** An {@code Authorization} header carrying the secret: the secret itself, or {@code Bearer <secret>}. */
    static boolean authorization(String header, String secret) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        boolean bearer = value.regionMatches(true, 0, "Bearer ", 0, 7)
                && same(value.substring(7).strip(), secret);
        return same(value, secret) | bearer;
    }

    /** A GitHub-style {@code sha256=<hex>} signature: HMAC-SHA256 of the raw body, keyed with the secret. */
    static boolean hmacSha256(String signature, byte[] body, String secret) {
        if (signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return same(signature.strip().toLowerCase(java.util.Locale.ROOT), expected);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
