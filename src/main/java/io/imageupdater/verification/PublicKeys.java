package io.imageupdater.verification;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** PEM public keys (ECDSA P-256/P-384, RSA, Ed25519) and signature checks with the JDK's providers. */
public final class PublicKeys {

    private PublicKeys() {}

    /** Parses a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo); the message names {@code where}. */
    public static PublicKey parse(String pem, String where) {
        String text = pem == null ? "" : pem.strip();
        int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = text.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(where + " holds no PEM PUBLIC KEY");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + 26, end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " holds a PEM PUBLIC KEY that is not base64");
        }
        return fromDer(der, where);
    }

    /** A SubjectPublicKeyInfo in DER, trying EC, RSA and Ed25519. */
    public static PublicKey fromDer(byte[] der, String where) {
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(where + " holds a public key that is neither ECDSA, RSA nor Ed25519");
    }

    /** Whether {@code signature} is a valid signature of {@code data} by {@code key} (hash chosen by key type). */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm(key));
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code signature} signs the SHA-256 {@code digest} of some data (ECDSA and RSA; a prehashed check). */
    public static boolean verifyDigest(PublicKey key, byte[] digest, byte[] signature) {
        try {
            Signature verifier;
            byte[] input = digest;
            if (key instanceof ECPublicKey) {
                verifier = Signature.getInstance("NONEwithECDSA");
            } else if (key.getAlgorithm().equals("RSA")) {
                verifier = Signature.getInstance("NONEwithRSA");
                byte[] prefix = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
                input = new byte[prefix.length + digest.length];
                System.arraycopy(prefix, 0, input, 0, prefix.length);
                System.arraycopy(digest, 0, input, prefix.length, digest.length);
            } else {
                return false;
            }
            verifier.initVerify(key);
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The hex SHA-256 of a key's DER encoding: the log ID of a transparency log's key. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String algorithm(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported key " + key.getAlgorithm());
        };
    }
}
