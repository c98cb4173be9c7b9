package io.imageupdater.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An offline Sigstore instance for tests: a Fulcio-like CA (root and intermediate) issuing short-lived signing
 * certificates with the Fulcio OID extensions, a Rekor-like log key that proves inclusion (RFC 6962 proofs and signed
 * checkpoints) and signs entry timestamps, and the trusted root JSON naming both.
 */
public final class TestSigstore {

    public static final String LOG_ORIGIN = "rekor.test - 4242";

    private final KeyPair rootKey = Cosign.ecdsa("secp256r1");
    private final KeyPair intermediateKey = Cosign.ecdsa("secp256r1");
    private final KeyPair logKey = Cosign.ecdsa("secp256r1");
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final AtomicLong serials = new AtomicLong(1);

    public TestSigstore() {
        Instant now = Instant.now();
        root = certificate(
                new X500Name("CN=test-fulcio-root,O=test"),
                new X500Name("CN=test-fulcio-root,O=test"),
                rootKey.getPublic(),
                rootKey,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)),
                true,
                null,
                null,
                null);
        intermediate = certificate(
                new X500Name("CN=test-fulcio-root,O=test"),
                new X500Name("CN=test-fulcio-intermediate,O=test"),
                intermediateKey.getPublic(),
                rootKey,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)),
                true,
                null,
                null,
                null);
    }

    /** A signing certificate for {@code key}: issuer (OIDC) and subject (e-mail, or URI when it has a scheme). */
    public X509Certificate leaf(PublicKey key, String issuer, String subject) {
        Instant now = Instant.now();
        return certificate(
                new X500Name("CN=test-fulcio-intermediate,O=test"),
                new X500Name(""),
                key,
                intermediateKey,
                now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofMinutes(10)),
                false,
                issuer,
                subject,
                null);
    }

    /** The trusted root JSON naming this CA and this log. */
    public String trustedRoot() {
        byte[] logSpki = logKey.getPublic().getEncoded();
        return """
                {"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1",
                 "tlogs":[{"baseUrl":"https://rekor.test","hashAlgorithm":"SHA2_256",
                   "publicKey":{"rawBytes":"%s","keyDetails":"PKIX_ECDSA_P256_SHA_256","validFor":{"start":"2020-01-01T00:00:00Z"}},
                   "logId":{"keyId":"%s"}}],
                 "certificateAuthorities":[{"subject":{"organization":"test","commonName":"test-fulcio"},
                   "uri":"https://fulcio.test","certChain":{"certificates":[{"rawBytes":"%s"},{"rawBytes":"%s"}]},
                   "validFor":{"start":"2020-01-01T00:00:00Z"}}],
                 "ctlogs":[],"timestampAuthorities":[]}
                """.formatted(b64(logSpki), b64(sha256(logSpki)), b64(der(intermediate)), b64(der(root)));
    }

    /** The log ID (hex SHA-256 of the log key). */
    public String logIdHex() {
        return java.util.HexFormat.of().formatHex(sha256(logKey.getPublic().getEncoded()));
    }

    /** A Rekor hashedrekord entry body for a signature over data of the given SHA-256, by a certificate. */
    public static byte[] hashedRekord(byte[] dataSha256, byte[] signature, X509Certificate cert) {
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der(cert))
                + "\n-----END CERTIFICATE-----\n";
        return ("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\","
                        + "\"value\":\"" + java.util.HexFormat.of().formatHex(dataSha256)
                        + "\"}},\"signature\":{\"content\":\""
                        + b64(signature) + "\",\"publicKey\":{\"content\":\""
                        + b64(pem.getBytes(StandardCharsets.UTF_8)) + "\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A bundle {@code tlogEntries[]} item proving {@code body} is leaf 1 of a 3-leaf log: inclusion proof, signed
     * checkpoint, and signed entry timestamp.
     */
    public String tlogEntry(byte[] body, Instant integrated) {
        byte[] h0 = leafHash("other entry 0".getBytes(StandardCharsets.UTF_8));
        byte[] h1 = leafHash(body);
        byte[] h2 = leafHash("other entry 2".getBytes(StandardCharsets.UTF_8));
        byte[] rootHash = node(node(h0, h1), h2);
        String note = LOG_ORIGIN + "\n3\n" + b64(rootHash) + "\n";
        byte[] sig = Cosign.sign(logKey.getPrivate(), note.getBytes(StandardCharsets.UTF_8));
        byte[] hinted = new byte[4 + sig.length];
        System.arraycopy(sha256(logKey.getPublic().getEncoded()), 0, hinted, 0, 4);
        System.arraycopy(sig, 0, hinted, 4, sig.length);
        String envelope = note + "\n\u2014 rekor.test " + b64(hinted) + "\n";
        long time = integrated.getEpochSecond();
        String set = b64(signedEntryTimestamp(b64(body), time, 1));
        return """
                {"logIndex":"1","logId":{"keyId":"%s"},"kindVersion":{"kind":"hashedrekord","version":"0.0.1"},
                 "integratedTime":"%d","inclusionPromise":{"signedEntryTimestamp":"%s"},
                 "inclusionProof":{"logIndex":"1","rootHash":"%s","treeSize":"3","hashes":["%s","%s"],
                   "checkpoint":{"envelope":%s}},
                 "canonicalizedBody":"%s"}
                """.formatted(
                        b64(sha256(logKey.getPublic().getEncoded())),
                        time,
                        set,
                        b64(rootHash),
                        b64(h0),
                        b64(h2),
                        Cosign.Json.string(envelope),
                        b64(body));
    }

    /** cosign's {@code dev.sigstore.cosign/bundle} annotation: the entry's signed timestamp and payload. */
    public String rekorBundle(byte[] body, Instant integrated) {
        long time = integrated.getEpochSecond();
        return "{\"SignedEntryTimestamp\":\"" + b64(signedEntryTimestamp(b64(body), time, 7))
                + "\",\"Payload\":{\"body\":\"" + b64(body) + "\",\"integratedTime\":" + time + ",\"logIndex\":7,"
                + "\"logID\":\"" + logIdHex() + "\"}}";
    }

    private byte[] signedEntryTimestamp(String bodyBase64, long time, long index) {
        String canonical = "{\"body\":\"" + bodyBase64 + "\",\"integratedTime\":" + time + ",\"logID\":\"" + logIdHex()
                + "\",\"logIndex\":" + index + "}";
        return Cosign.sign(logKey.getPrivate(), canonical.getBytes(StandardCharsets.UTF_8));
    }

    public static String pem(X509Certificate cert) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der(cert))
                + "\n-----END CERTIFICATE-----\n";
    }

    public static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] leafHash(byte[] data) {
        return sha256(new byte[] {0}, data);
    }

    private static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    private X509Certificate certificate(
            X500Name issuerName,
            X500Name subjectName,
            PublicKey key,
            KeyPair signer,
            Instant from,
            Instant until,
            boolean ca,
            String oidcIssuer,
            String subject,
            List<String> unused) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    BigInteger.valueOf(serials.getAndIncrement()),
                    Date.from(from),
                    Date.from(until),
                    subjectName,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
                GeneralName name = subject.contains("://")
                        ? new GeneralName(GeneralName.uniformResourceIdentifier, subject)
                        : new GeneralName(GeneralName.rfc822Name, subject);
                builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(name));
                builder.addExtension(
                        new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1"),
                        false,
                        new DEROctetString(oidcIssuer.getBytes(StandardCharsets.UTF_8)).getOctets());
                builder.addExtension(
                        new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8"), false, new DERUTF8String(oidcIssuer));
            }
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }
}
