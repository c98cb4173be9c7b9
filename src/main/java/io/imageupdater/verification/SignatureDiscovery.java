package io.imageupdater.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.registry.ArtifactReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Finds the signatures of a digest in its repository: Sigstore bundles through the OCI 1.1 Referrers API first, then
 * cosign's tag scheme ({@code sha256-<hex>.sig}: a manifest whose layers are simple-signing payloads annotated with
 * the signature, or an image index of such manifests). A registry without the Referrers API answers 404, and the tag
 * scheme is used.
 */
final class SignatureDiscovery {

    static final String BUNDLE_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
    static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
    static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
    private static final int MAX_SIGNATURES = 32;

    private final ObjectMapper json = new ObjectMapper();

    /** Every signature found for {@code digest} in {@code repository}; empty when it is unsigned. */
    List<SignatureEvidence> find(ArtifactReader reader, String repository, String digest) {
        List<SignatureEvidence> found = new ArrayList<>(referrers(reader, repository, digest));
        found.addAll(tagScheme(reader, repository, digest));
        return found;
    }

    /** The sigstore bundles the Referrers API lists for the digest (none when it is not served). */
    List<SignatureEvidence> referrers(ArtifactReader reader, String repository, String digest) {
        Optional<byte[]> index = reader.referrers(repository, digest);
        if (index.isEmpty()) {
            return List.of();
        }
        List<SignatureEvidence> bundles = new ArrayList<>();
        for (JsonNode descriptor : tree(index.get()).path("manifests")) {
            String type = descriptor.path("artifactType").asText("");
            if (!type.startsWith(BUNDLE_TYPE_PREFIX) || bundles.size() >= MAX_SIGNATURES) {
                continue;
            }
            reader.manifest(repository, descriptor.path("digest").asText()).ifPresent(manifest -> {
                for (JsonNode layer : tree(manifest.body()).path("layers")) {
                    String layerType = layer.path("mediaType").asText("");
                    if (layerType.startsWith(BUNDLE_TYPE_PREFIX) || type.startsWith(BUNDLE_TYPE_PREFIX)) {
                        reader.blob(repository, layer.path("digest").asText())
                                .ifPresent(blob -> bundles.add(
                                        new SignatureEvidence.Bundle(new String(blob, StandardCharsets.UTF_8))));
                    }
                }
            });
        }
        return bundles;
    }

    /** The signature layers under {@code sha256-<hex>.sig}; an index there is followed to its manifests. */
    List<SignatureEvidence> tagScheme(ArtifactReader reader, String repository, String digest) {
        String tag = digest.replace(':', '-') + ".sig";
        Optional<ArtifactReader.Artifact> manifest = reader.manifest(repository, tag);
        if (manifest.isEmpty()) {
            return List.of();
        }
        JsonNode root = tree(manifest.get().body());
        List<JsonNode> manifests = new ArrayList<>();
        if (root.has("manifests")) {
            for (JsonNode child : root.path("manifests")) {
                reader.manifest(repository, child.path("digest").asText())
                        .ifPresent(m -> manifests.add(tree(m.body())));
            }
        } else {
            manifests.add(root);
        }
        List<SignatureEvidence> layers = new ArrayList<>();
        for (JsonNode signatureManifest : manifests) {
            for (JsonNode layer : signatureManifest.path("layers")) {
                JsonNode annotations = layer.path("annotations");
                String signature = annotations.path(SIGNATURE_ANNOTATION).asText("");
                if (signature.isEmpty() || layers.size() >= MAX_SIGNATURES) {
                    continue;
                }
                Optional<byte[]> payload =
                        reader.blob(repository, layer.path("digest").asText());
                byte[] decoded = decode(signature);
                payload.ifPresent(bytes -> layers.add(new SignatureEvidence.SimpleSigning(
                        bytes,
                        decoded,
                        text(annotations, CERTIFICATE_ANNOTATION),
                        text(annotations, CHAIN_ANNOTATION),
                        text(annotations, BUNDLE_ANNOTATION))));
            }
        }
        return layers;
    }

    private static String text(JsonNode annotations, String name) {
        String value = annotations.path(name).asText("");
        return value.isEmpty() ? null : value;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private JsonNode tree(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
