package io.imageupdater.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigstore trusted root ({@code application/vnd.dev.sigstore.trustedroot+json}): the certificate authorities
 * (Fulcio) whose chains certify signing certificates, and the transparency logs (Rekor) by log ID. Read offline from
 * the JSON; only what verification needs is kept.
 *
 * @param authorities each authority's chain, leaf-most first, its root last
 * @param logs        each log's public key by its hex log ID
 */
public record TrustedRoot(List<List<X509Certificate>> authorities, Map<String, PublicKey> logs) {

    public TrustedRoot {
        authorities = authorities.stream().map(List::copyOf).toList();
        logs = Map.copyOf(logs);
    }

    /** Parses a trusted root JSON; the message names {@code where} and what is wrong. */
    public static TrustedRoot parse(String json, String where) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + " is not a Sigstore trusted root");
        }
        List<List<X509Certificate>> authorities = new ArrayList<>();
        for (JsonNode authority : root.path("certificateAuthorities")) {
            List<X509Certificate> chain = new ArrayList<>();
            for (JsonNode cert : authority.path("certChain").path("certificates")) {
                chain.add(certificate(decode(cert.path("rawBytes").asText(""), where), where));
            }
            if (!chain.isEmpty()) {
                authorities.add(chain);
            }
        }
        Map<String, PublicKey> logs = new LinkedHashMap<>();
        for (JsonNode log : root.path("tlogs")) {
            PublicKey key = PublicKeys.fromDer(
                    decode(log.path("publicKey").path("rawBytes").asText(""), where), where + " tlog");
            String id = log.path("logId").path("keyId").asText("");
            logs.put(id.isEmpty() ? PublicKeys.keyId(key) : HexFormat.of().formatHex(decode(id, where)), key);
        }
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException(where + " names no certificate authority");
        }
        if (logs.isEmpty()) {
            throw new IllegalArgumentException(where + " names no transparency log");
        }
        return new TrustedRoot(authorities, logs);
    }

    static X509Certificate certificate(byte[] der, String where) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(where + " holds a certificate that cannot be read");
        }
    }

    /** The certificates of a PEM text, in order. */
    static List<X509Certificate> certificates(String pem, String where) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(where + " holds a certificate that cannot be read");
        }
    }

    private static byte[] decode(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " holds a value that is not base64");
        }
    }
}
