package io.imageupdater.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * A signing certificate issued by a Fulcio-like CA: its chain to a trusted root, and the identity it certifies (the
 * OIDC issuer from extension 1.3.6.1.4.1.57264.1.8, or the older 1.1; the subject from the SAN e-mail or URI).
 */
final class FulcioCertificate {

    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private FulcioCertificate() {}

    /** Whether {@code leaf} chains to one of the root's authorities, judged at {@code at} (the signing time). */
    static boolean chains(X509Certificate leaf, TrustedRoot root, Instant at) {
        for (List<X509Certificate> authority : root.authorities()) {
            X509Certificate anchor = authority.get(authority.size() - 1);
            List<X509Certificate> path = new ArrayList<>();
            path.add(leaf);
            path.addAll(authority.subList(0, authority.size() - 1));
            try {
                PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(at));
                CertPathValidator.getInstance("PKIX")
                        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
                List<String> usages = leaf.getExtendedKeyUsage();
                if (usages == null || usages.contains(CODE_SIGNING)) {
                    return true;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next authority
            }
        }
        return false;
    }

    /** The OIDC issuer the certificate names, or {@code null}. */
    static String issuer(X509Certificate cert) {
        byte[] v2 = cert.getExtensionValue(ISSUER_V2);
        if (v2 != null) {
            byte[] inner = Der.content(Der.content(v2));
            return inner == null ? null : new String(inner, StandardCharsets.UTF_8);
        }
        byte[] v1 = cert.getExtensionValue(ISSUER_V1);
        if (v1 != null) {
            byte[] inner = Der.content(v1);
            return inner == null ? null : new String(inner, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The subject: the first SAN e-mail (rfc822Name) or URI, or {@code null}. */
    static String subject(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return null;
            }
            for (List<?> name : names) {
                Integer type = (Integer) name.get(0);
                if (type == 1 || type == 6) {
                    return String.valueOf(name.get(1));
                }
            }
            return null;
        } catch (CertificateParsingException e) {
            return null;
        }
    }

    /** Minimal DER: the content octets of one TLV (short or long length form), or {@code null}. */
    static final class Der {
        private Der() {}

        static byte[] content(byte[] tlv) {
            if (tlv == null || tlv.length < 2) {
                return null;
            }
            int length = tlv[1] & 0xff;
            int offset = 2;
            if (length > 0x7f) {
                int bytes = length & 0x7f;
                if (bytes > 3 || tlv.length < 2 + bytes) {
                    return null;
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (tlv[2 + i] & 0xff);
                }
                offset = 2 + bytes;
            }
            if (offset + length > tlv.length) {
                return null;
            }
            return Arrays.copyOfRange(tlv, offset, offset + length);
        }
    }
}
