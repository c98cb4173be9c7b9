package io.imageupdater.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signs images in a {@link TestRegistry} the way cosign stores signatures: a simple-signing payload per signature, as
 * a layer annotated with {@code dev.cosignproject.cosign/signature}, in an OCI manifest tagged
 * {@code sha256-<hex>.sig} (or, cosign 2.x image-index form, an index of such manifests). Keys come from the JDK.
 */
public final class Cosign {

    public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private Cosign() {}

    /** One signature layer: the payload, its signature and extra annotations (certificate, chain, bundle). */
    public record Layer(byte[] payload, byte[] signature, Map<String, String> annotations) {
        public Layer(byte[] payload, byte[] signature) {
            this(payload, signature, Map.of());
        }
    }

    public static KeyPair ecdsa(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key as cosign writes {@code cosign.pub}. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** cosign's simple-signing payload for an image digest. */
    public static byte[] payload(String dockerReference, String digest) {
        return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference
                        + "\"},\"image\":{\"docker-manifest-digest\":\"" + digest
                        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Signs data with the key's usual algorithm (SHA-256 for P-256 and RSA, SHA-384 for P-384, Ed25519). */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            String algorithm;
            if (key instanceof ECPrivateKey ec) {
                algorithm = ec.getParams().getCurve().getField().getFieldSize() > 256
                        ? "SHA384withECDSA"
                        : "SHA256withECDSA";
            } else if (key.getAlgorithm().equals("RSA")) {
                algorithm = "SHA256withRSA";
            } else {
                algorithm = "Ed25519";
            }
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code digest} of {@code repository} with a key, as {@code cosign sign --key} does. */
    public static void signWithKey(TestRegistry registry, String repository, String digest, PrivateKey key) {
        byte[] payload = payload(registry.host() + "/" + repository, digest);
        pushSignatures(registry, repository, digest, List.of(new Layer(payload, sign(key, payload))));
    }

    /** Pushes the signature manifest {@code sha256-<hex>.sig} with these layers; returns its digest. */
    public static String pushSignatures(TestRegistry registry, String repository, String digest, List<Layer> layers) {
        return registry.pushManifest(
                repository, tag(digest), OCI_MANIFEST, signatureManifest(registry, repository, layers));
    }

    /** The cosign 2.x image-index form: {@code sha256-<hex>.sig} is an index of signature manifests. */
    public static String pushSignatureIndex(
            TestRegistry registry, String repository, String digest, List<List<Layer>> manifests) {
        List<String> entries = new ArrayList<>();
        for (List<Layer> layers : manifests) {
            byte[] manifest = signatureManifest(registry, repository, layers);
            String child = registry.pushManifest(repository, TestRegistry.digest(manifest), OCI_MANIFEST, manifest);
            entries.add("{\"mediaType\":\"" + OCI_MANIFEST + "\",\"size\":" + manifest.length + ",\"digest\":\"" + child
                    + "\"}");
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                        + String.join(",", entries) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        return registry.pushManifest(repository, tag(digest), OCI_INDEX, index);
    }

    public static String tag(String digest) {
        return digest.replace(':', '-') + ".sig";
    }

    private static byte[] signatureManifest(TestRegistry registry, String repository, List<Layer> layers) {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String configDigest = registry.pushBlob(repository, config);
        List<String> entries = new ArrayList<>();
        for (Layer layer : layers) {
            String payloadDigest = registry.pushBlob(repository, layer.payload());
            StringBuilder annotations = new StringBuilder("\"dev.cosignproject.cosign/signature\":\"")
                    .append(Base64.getEncoder().encodeToString(layer.signature()))
                    .append('"');
            layer.annotations()
                    .forEach((name, value) ->
                            annotations.append(",\"").append(name).append("\":").append(Json.string(value)));
            entries.add("{\"mediaType\":\"" + SIMPLE_SIGNING + "\",\"size\":" + layer.payload().length
                    + ",\"digest\":\"" + payloadDigest + "\",\"annotations\":{" + annotations + "}}");
        }
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
                        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                        + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":["
                        + String.join(",", entries) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** JSON string quoting. */
    static final class Json {
        private Json() {}

        static String string(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
