package io.imageupdater.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether any of the signatures found for a digest satisfies a policy. Pure: values in, a {@link Verdict}
 * out. Nothing that fails is "probably fine": a signature that cannot be read counts as a bad signature.
 */
public final class SignatureChecker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignatureChecker() {}

    /** The verdict for {@code digest} ({@code sha256:<hex>}): verified when one signature satisfies the policy. */
    public static Verdict check(List<SignatureEvidence> evidence, String digest, VerificationPolicy policy) {
        if (evidence.isEmpty()) {
            return Verdict.rejected(RejectReason.UNSIGNED, "no signature found for " + digest);
        }
        Verdict worst = null;
        for (SignatureEvidence one : evidence) {
            Verdict verdict;
            try {
                verdict = switch (one) {
                    case SignatureEvidence.SimpleSigning s -> simpleSigning(s, digest, policy);
                    case SignatureEvidence.Bundle b -> bundle(b, digest, policy);
                };
            } catch (RuntimeException e) {
                verdict = Verdict.rejected(RejectReason.BAD_SIGNATURE, one + " cannot be read: " + e.getMessage());
            }
            if (verdict.verified()) {
                return verdict;
            }
            worst = worst == null ? verdict : worst.worse(verdict);
        }
        return worst;
    }

    static Verdict simpleSigning(SignatureEvidence.SimpleSigning s, String digest, VerificationPolicy policy) {
        PublicKey key = policy.key();
        if (policy.identity() != null) {
            if (s.certificate() == null) {
                return Verdict.rejected(RejectReason.BAD_SIGNATURE, "the signature carries no certificate");
            }
            X509Certificate cert = TrustedRoot.certificates(s.certificate(), "the signature's certificate").stream()
                    .findFirst()
                    .orElse(null);
            if (cert == null) {
                return Verdict.rejected(RejectReason.BAD_SIGNATURE, "the signature carries no certificate");
            }
            Optional<Instant> logged = s.rekorBundle() == null
                    ? Optional.empty()
                    : read(s.rekorBundle())
                            .flatMap(bundle -> TransparencyLog.promised(bundle, policy.trustedRoot())
                                    .filter(time -> bodyNames(
                                            bundle.path("Payload").path("body").asText(""), s.signature())));
            Verdict certified = certified(cert, logged, policy);
            if (certified != null) {
                return certified;
            }
            key = cert.getPublicKey();
        }
        if (!PublicKeys.verify(key, s.payload(), s.signature())) {
            return Verdict.rejected(
                    RejectReason.BAD_SIGNATURE, "the signature does not verify with " + policy.describe());
        }
        String signed = read(new String(s.payload(), StandardCharsets.UTF_8))
                .map(p -> p.path("critical")
                        .path("image")
                        .path("docker-manifest-digest")
                        .asText(""))
                .orElse("");
        if (!signed.equals(digest)) {
            return Verdict.rejected(
                    RejectReason.DIGEST_MISMATCH,
                    "the signed payload names " + (signed.isEmpty() ? "no digest" : signed));
        }
        return Verdict.verified("cosign signature verified with " + policy.describe());
    }

    static Verdict bundle(SignatureEvidence.Bundle b, String digest, VerificationPolicy policy) {
        JsonNode bundle = read(b.json()).orElse(null);
        if (bundle == null) {
            return Verdict.rejected(RejectReason.BAD_SIGNATURE, "the bundle is not JSON");
        }
        JsonNode material = bundle.path("verificationMaterial");
        PublicKey key = policy.key();
        byte[] signature;
        JsonNode message = bundle.path("messageSignature");
        JsonNode dsse = bundle.path("dsseEnvelope");
        if (message.isObject()) {
            signature = TransparencyLog.base64(message.path("signature").asText(""));
        } else if (dsse.isObject() && dsse.path("signatures").size() > 0) {
            signature = TransparencyLog.base64(
                    dsse.path("signatures").get(0).path("sig").asText(""));
        } else {
            return Verdict.rejected(
                    RejectReason.BAD_SIGNATURE, "the bundle holds neither a message signature nor DSSE");
        }
        if (policy.identity() != null) {
            String raw = material.path("certificate").path("rawBytes").asText("");
            if (raw.isEmpty()) {
                raw = material.path("x509CertificateChain")
                        .path("certificates")
                        .path(0)
                        .path("rawBytes")
                        .asText("");
            }
            if (raw.isEmpty()) {
                return Verdict.rejected(RejectReason.BAD_SIGNATURE, "the bundle carries no certificate");
            }
            X509Certificate cert = TrustedRoot.certificate(TransparencyLog.base64(raw), "the bundle's certificate");
            Optional<Instant> logged = Optional.empty();
            for (JsonNode entry : material.path("tlogEntries")) {
                Optional<Instant> time = TransparencyLog.included(entry, policy.trustedRoot());
                if (time.isPresent()
                        && bodyNames(entry.path("canonicalizedBody").asText(""), signature)) {
                    logged = time;
                    break;
                }
            }
            Verdict certified = certified(cert, logged, policy);
            if (certified != null) {
                return certified;
            }
            key = cert.getPublicKey();
        }
        return message.isObject()
                ? messageSignature(message, signature, key, digest, policy)
                : dsse(dsse, signature, key, digest, policy);
    }

    private static Verdict messageSignature(
            JsonNode message, byte[] signature, PublicKey key, String digest, VerificationPolicy policy) {
        byte[] signedDigest = TransparencyLog.base64(
                message.path("messageDigest").path("digest").asText(""));
        if (signedDigest.length != 32 || !PublicKeys.verifyDigest(key, signedDigest, signature)) {
            return Verdict.rejected(
                    RejectReason.BAD_SIGNATURE, "the bundle's signature does not verify with " + policy.describe());
        }
        String signed = "sha256:" + HexFormat.of().formatHex(signedDigest);
        if (!signed.equals(digest)) {
            return Verdict.rejected(RejectReason.DIGEST_MISMATCH, "the bundle signs " + signed);
        }
        return Verdict.verified("sigstore bundle verified with " + policy.describe());
    }

    private static Verdict dsse(
            JsonNode dsse, byte[] signature, PublicKey key, String digest, VerificationPolicy policy) {
        String type = dsse.path("payloadType").asText("");
        byte[] payload = TransparencyLog.base64(dsse.path("payload").asText(""));
        byte[] pae = pae(type, payload);
        if (!PublicKeys.verify(key, pae, signature)) {
            return Verdict.rejected(
                    RejectReason.BAD_SIGNATURE,
                    "the bundle's DSSE signature does not verify with " + policy.describe());
        }
        String hex = digest.substring(digest.indexOf(':') + 1);
        boolean names = read(new String(payload, StandardCharsets.UTF_8))
                .map(statement -> {
                    for (JsonNode subject : statement.path("subject")) {
                        if (hex.equals(subject.path("digest").path("sha256").asText())) {
                            return true;
                        }
                    }
                    return false;
                })
                .orElse(false);
        if (!names) {
            return Verdict.rejected(RejectReason.DIGEST_MISMATCH, "the bundle's statement does not name " + digest);
        }
        return Verdict.verified("sigstore bundle (DSSE) verified with " + policy.describe());
    }

    /** DSSE's pre-authentication encoding. */
    static byte[] pae(String type, byte[] payload) {
        byte[] head = ("DSSEv1 " + type.getBytes(StandardCharsets.UTF_8).length + " " + type + " " + payload.length
                        + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return all;
    }

    /** {@code null} when the certificate chains, names the wanted identity and is logged; else the rejection. */
    private static Verdict certified(X509Certificate cert, Optional<Instant> logged, VerificationPolicy policy) {
        if (logged.isEmpty()) {
            return Verdict.rejected(
                    RejectReason.BAD_SIGNATURE, "no transparency-log inclusion by a log of the trusted root");
        }
        if (!FulcioCertificate.chains(cert, policy.trustedRoot(), logged.get())) {
            return Verdict.rejected(
                    RejectReason.BAD_SIGNATURE,
                    "the certificate does not chain to the trusted root at the time it was logged");
        }
        String issuer = FulcioCertificate.issuer(cert);
        String subject = FulcioCertificate.subject(cert);
        if (!policy.identity().matches(issuer, subject)) {
            return Verdict.rejected(
                    RejectReason.WRONG_IDENTITY,
                    "signed by " + subject + " (issuer " + issuer + "), not " + policy.identity());
        }
        return null;
    }

    /** Whether a logged entry's body (base64 JSON) carries this signature, so the log entry is this signature's. */
    private static boolean bodyNames(String bodyBase64, byte[] signature) {
        String body = new String(TransparencyLog.base64(bodyBase64), StandardCharsets.UTF_8);
        return signature.length > 0 && body.contains(Base64.getEncoder().encodeToString(signature));
    }

    private static Optional<JsonNode> read(String json) {
        try {
            return Optional.ofNullable(JSON.readTree(json));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
