package io.imageupdater.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imageupdater.testing.Cosign;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pure checks of cosign signatures: every supported key type, signature and digest binding, DSSE bundles. */
class SignatureCheckerTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("ECDSA P-256", (Supplier<KeyPair>) () -> Cosign.ecdsa("secp256r1")),
                Arguments.of("ECDSA P-384", (Supplier<KeyPair>) () -> Cosign.ecdsa("secp384r1")),
                Arguments.of("RSA 2048", (Supplier<KeyPair>) Cosign::rsa),
                Arguments.of("Ed25519", (Supplier<KeyPair>) Cosign::ed25519));
    }

    private static VerificationPolicy policy(KeyPair pair) {
        return VerificationPolicy.ofKey(PublicKeys.parse(Cosign.pem(pair.getPublic()), "test"), "test");
    }

    private static SignatureEvidence layer(KeyPair signer, String signedDigest) {
        byte[] payload = Cosign.payload("reg.test/acme/web", signedDigest);
        return new SignatureEvidence.SimpleSigning(
                payload, Cosign.sign(signer.getPrivate(), payload), null, null, null);
    }

    @ParameterizedTest(name = "{0}: a signature by the key over a payload naming the digest verifies")
    @MethodSource("keys")
    void verifies(String name, Supplier<KeyPair> keys) {
        KeyPair pair = keys.get();
        assertNull(SignatureChecker.check(List.of(layer(pair, DIGEST)), DIGEST, policy(pair))
                .reason());
    }

    @ParameterizedTest(name = "{0}: a signature by another key is a bad signature")
    @MethodSource("keys")
    void otherKey(String name, Supplier<KeyPair> keys) {
        assertEquals(
                RejectReason.BAD_SIGNATURE,
                SignatureChecker.check(List.of(layer(keys.get(), DIGEST)), DIGEST, policy(keys.get()))
                        .reason());
    }

    @ParameterizedTest(name = "{0}: a payload naming another digest is a digest mismatch")
    @MethodSource("keys")
    void otherDigest(String name, Supplier<KeyPair> keys) {
        KeyPair pair = keys.get();
        assertEquals(
                RejectReason.DIGEST_MISMATCH,
                SignatureChecker.check(List.of(layer(pair, OTHER_DIGEST)), DIGEST, policy(pair))
                        .reason());
    }

    @ParameterizedTest(name = "{0}: a changed payload is a bad signature")
    @MethodSource("keys")
    void tampered(String name, Supplier<KeyPair> keys) {
        KeyPair pair = keys.get();
        byte[] payload = Cosign.payload("reg.test/acme/web", OTHER_DIGEST);
        byte[] signature = Cosign.sign(pair.getPrivate(), payload);
        byte[] changed = Cosign.payload("reg.test/acme/web", DIGEST);
        assertEquals(
                RejectReason.BAD_SIGNATURE,
                SignatureChecker.check(
                                List.of(new SignatureEvidence.SimpleSigning(changed, signature, null, null, null)),
                                DIGEST,
                                policy(pair))
                        .reason());
    }

    @org.junit.jupiter.api.Test
    void noSignatureIsUnsignedAndOneGoodSignatureAmongBadOnesVerifies() {
        KeyPair pair = Cosign.ecdsa("secp256r1");
        assertEquals(
                RejectReason.UNSIGNED,
                SignatureChecker.check(List.of(), DIGEST, policy(pair)).reason());
        assertNull(SignatureChecker.check(
                        List.of(layer(Cosign.ecdsa("secp256r1"), DIGEST), layer(pair, DIGEST)), DIGEST, policy(pair))
                .reason());
        assertEquals(
                RejectReason.DIGEST_MISMATCH,
                SignatureChecker.check(
                                List.of(layer(Cosign.ecdsa("secp256r1"), DIGEST), layer(pair, OTHER_DIGEST)),
                                DIGEST,
                                policy(pair))
                        .reason(),
                "the most telling failure is reported");
    }

    @org.junit.jupiter.api.Test
    void aKeySignedDsseBundleNamesTheDigestInItsStatementSubject() {
        KeyPair pair = Cosign.ecdsa("secp256r1");
        String statement =
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"reg.test/acme/web\","
                        + "\"digest\":{\"sha256\":\"" + DIGEST.substring(7) + "\"}}],"
                        + "\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}";
        byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
        String type = "application/vnd.in-toto+json";
        byte[] signature = Cosign.sign(pair.getPrivate(), SignatureChecker.pae(type, payload));
        String bundle = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"k\"}},"
                + "\"dsseEnvelope\":{\"payload\":\"" + Base64.getEncoder().encodeToString(payload)
                + "\",\"payloadType\":\"" + type + "\",\"signatures\":[{\"sig\":\""
                + Base64.getEncoder().encodeToString(signature) + "\"}]}}";
        SignatureEvidence evidence = new SignatureEvidence.Bundle(bundle);
        assertNull(
                SignatureChecker.check(List.of(evidence), DIGEST, policy(pair)).reason());
        assertEquals(
                RejectReason.DIGEST_MISMATCH,
                SignatureChecker.check(List.of(evidence), OTHER_DIGEST, policy(pair))
                        .reason());
        assertEquals(
                RejectReason.BAD_SIGNATURE,
                SignatureChecker.check(List.of(evidence), DIGEST, policy(Cosign.ecdsa("secp256r1")))
                        .reason());
    }

    @org.junit.jupiter.api.Test
    void keysAndIdentitiesThatCannotBeUsedFailNamingWhat() {
        assertEquals(
                "secret x holds no PEM PUBLIC KEY",
                assertThrows(IllegalArgumentException.class, () -> PublicKeys.parse("nope", "secret x"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeylessIdentity.parse("no-bar"));
        assertThrows(IllegalArgumentException.class, () -> new KeylessIdentity("a", null, null, "(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> new KeylessIdentity("a", "b", "c", null));
        assertEquals(
                "https://issuer.test",
                KeylessIdentity.parse("https://issuer.test|.*@acme").issuer());
    }
}
