package io.imageupdater.verification;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks that an entry is in a transparency log of the trusted root: an RFC 6962 inclusion proof against a
 * checkpoint signed by the log, or else the log's signed entry timestamp (inclusion promise). Pure.
 */
final class TransparencyLog {

    private TransparencyLog() {}

    /**
     * The entry's integrated time when a {@code tlogEntries[]} item of a bundle proves inclusion of its
     * {@code canonicalizedBody}; empty when nothing proves it.
     */
    static Optional<Instant> included(JsonNode entry, TrustedRoot root) {
        byte[] body = base64(entry.path("canonicalizedBody").asText(""));
        if (body.length == 0) {
            return Optional.empty();
        }
        String logId = hex(entry.path("logId").path("keyId").asText(""));
        PublicKey key = root.logs().get(logId);
        if (key == null) {
            return Optional.empty();
        }
        Instant time = Instant.ofEpochSecond(entry.path("integratedTime").asLong(0));
        JsonNode proof = entry.path("inclusionProof");
        if (proof.isObject()) {
            return proofHolds(proof, body, key) ? Optional.of(time) : Optional.empty();
        }
        JsonNode promise = entry.path("inclusionPromise").path("signedEntryTimestamp");
        if (promise.isTextual()) {
            boolean ok = promiseHolds(
                    entry.path("canonicalizedBody").asText(),
                    entry.path("integratedTime").asLong(),
                    logId,
                    entry.path("logIndex").asLong(),
                    base64(promise.asText()),
                    key);
            return ok ? Optional.of(time) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Cosign's {@code dev.sigstore.cosign/bundle} annotation: {@code {SignedEntryTimestamp, Payload{…}}}. */
    static Optional<Instant> promised(JsonNode rekorBundle, TrustedRoot root) {
        JsonNode payload = rekorBundle.path("Payload");
        String logId = payload.path("logID").asText("");
        PublicKey key = root.logs().get(logId);
        if (key == null) {
            return Optional.empty();
        }
        boolean ok = promiseHolds(
                payload.path("body").asText(""),
                payload.path("integratedTime").asLong(),
                logId,
                payload.path("logIndex").asLong(),
                base64(rekorBundle.path("SignedEntryTimestamp").asText("")),
                key);
        return ok
                ? Optional.of(
                        Instant.ofEpochSecond(payload.path("integratedTime").asLong()))
                : Optional.empty();
    }

    /** The signed entry timestamp signs the canonical JSON of body, integratedTime, logID and logIndex. */
    static boolean promiseHolds(
            String bodyBase64, long integratedTime, String logId, long logIndex, byte[] signature, PublicKey key) {
        String canonical = "{\"body\":\"" + bodyBase64 + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\""
                + logId + "\",\"logIndex\":" + logIndex + "}";
        return PublicKeys.verify(key, canonical.getBytes(StandardCharsets.UTF_8), signature);
    }

    static boolean proofHolds(JsonNode proof, byte[] body, PublicKey key) {
        long index = proof.path("logIndex").asLong(-1);
        long size = proof.path("treeSize").asLong(-1);
        byte[] rootHash = base64(proof.path("rootHash").asText(""));
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(hash -> hashes.add(base64(hash.asText(""))));
        if (index < 0 || size <= index || rootHash.length != 32) {
            return false;
        }
        byte[] leaf = sha256(new byte[] {0}, body);
        if (!Arrays.equals(rootFromProof(index, size, leaf, hashes), rootHash)) {
            return false;
        }
        return checkpointHolds(proof.path("checkpoint").path("envelope").asText(""), size, rootHash, key);
    }

    /** RFC 9162 section 2.1.3.2: the root a leaf's audit path leads to, or {@code null} when the path does not fit. */
    static byte[] rootFromProof(long index, long size, byte[] leaf, List<byte[]> path) {
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(new byte[] {1}, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /**
     * A signed note: {@code origin\nsize\nbase64(root)\n[extra lines]\n\n— name base64(keyhint ‖ signature)\n}. The
     * log's key must sign the text before the blank line; size and root must be the proof's.
     */
    static boolean checkpointHolds(String envelope, long size, byte[] rootHash, PublicKey key) {
        int split = envelope.indexOf("\n\n");
        if (split < 0) {
            return false;
        }
        String text = envelope.substring(0, split + 1);
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[1].equals(Long.toString(size)) || !Arrays.equals(base64(lines[2]), rootHash)) {
            return false;
        }
        for (String line : envelope.substring(split + 2).split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                continue;
            }
            String[] parts = line.split(" ");
            byte[] signed = base64(parts[parts.length - 1]);
            if (signed.length > 4
                    && PublicKeys.verify(
                            key, text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(signed, 4, signed.length))) {
                return true;
            }
        }
        return false;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String hex(String base64) {
        return HexFormat.of().formatHex(base64(base64));
    }
}
