package io.imageupdater.verification;

import java.util.Arrays;

/** One signature found for an image digest, as stored: cosign's tag scheme or a Sigstore bundle. */
public sealed interface SignatureEvidence {

    /**
     * A layer of a cosign signature manifest ({@code sha256-<hex>.sig}).
     *
     * @param payload     the simple-signing payload (the layer's blob)
     * @param signature   the decoded {@code dev.cosignproject.cosign/signature} annotation
     * @param certificate the {@code dev.sigstore.cosign/certificate} PEM, or {@code null}
     * @param chain       the {@code dev.sigstore.cosign/chain} PEM, or {@code null}
     * @param rekorBundle the {@code dev.sigstore.cosign/bundle} JSON, or {@code null}
     */
    record SimpleSigning(byte[] payload, byte[] signature, String certificate, String chain, String rekorBundle)
            implements SignatureEvidence {
        public SimpleSigning {
            payload = payload.clone();
            signature = signature.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SimpleSigning s
                    && Arrays.equals(payload, s.payload)
                    && Arrays.equals(signature, s.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "cosign signature layer";
        }
    }

    /**
     * A Sigstore bundle (v0.1 to v0.3 JSON) found through the Referrers API.
     *
     * @param json the bundle
     */
    record Bundle(String json) implements SignatureEvidence {
        @Override
        public String toString() {
            return "sigstore bundle";
        }
    }
}
