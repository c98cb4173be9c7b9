package io.imageupdater.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A self-signed certificate made in memory when no {@code tls.crt}/{@code tls.key} is mounted (as upstream does):
 * an EC P-256 key and an X.509 v3 certificate for {@code localhost} and {@code 127.0.0.1}, valid for ten years,
 * DER-encoded here with the JDK alone (no BouncyCastle, no internal JDK classes), as a PKCS#12 key store.
 */
final class SelfSignedCertificate {
    static final String PASSWORD = "image-updater";
    private static final int[] ECDSA_WITH_SHA256 = {1, 2, 840, 10045, 4, 3, 2};
    private static final int[] COMMON_NAME = {2, 5, 4, 3};
    private static final int[] SUBJECT_ALT_NAME = {2, 5, 29, 17};
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {}

    /** A PKCS#12 key store (password {@link #PASSWORD}) holding the new key and certificate. */
    static byte[] pkcs12(String commonName, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = sequence(oid(ECDSA_WITH_SHA256));
            byte[] name =
                    sequence(set(sequence(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
            byte[] validity =
                    sequence(utcTime(now.minus(1, ChronoUnit.HOURS)), utcTime(now.plus(3650, ChronoUnit.DAYS)));
            byte[] names = sequence(
                    tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), tlv(0x87, new byte[] {127, 0, 0, 1}));
            byte[] extensions = tlv(0xA3, sequence(sequence(oid(SUBJECT_ALT_NAME), tlv(0x04, names))));
            byte[] tbs = sequence(
                    tlv(0xA0, tlv(0x02, new byte[] {2})),
                    tlv(
                            0x02,
                            new BigInteger(63, new SecureRandom())
                                    .add(BigInteger.ONE)
                                    .toByteArray()),
                    algorithm,
                    name,
                    validity,
                    name,
                    keys.getPublic().getEncoded(),
                    extensions);
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(tbs);
            byte[] signed = signature.sign();
            byte[] bits = new byte[signed.length + 1];
            System.arraycopy(signed, 0, bits, 1, signed.length);
            byte[] der = sequence(tbs, algorithm, tlv(0x03, bits));
            Certificate certificate =
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("webhook", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate for the webhook server", e);
        }
    }

    private static byte[] utcTime(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int[] arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((arc >>> shift) & 0x7F));
            }
            out.write(arc & 0x7F);
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int start = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - start));
            out.write(bytes, start, bytes.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
