package io.imageupdater.writeback.git;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Signs write-back commits ({@code git-commit-signing-method}): SSH signatures (JGit's SSH signer, the key written
 * to a file in the workspace) or OpenPGP signatures (BouncyCastle, the armored secret key read from memory), with
 * the {@code signingKey} (and {@code signingKeyPassphrase}) of the write-back's Secret, else the configured key file.
 */
final class CommitSigning {
    static final CommitSigning NONE = new CommitSigning(null, null, null);

    private final GitConfig.CommitSigningMethod method;
    private final String keyFile;
    private final Signer signer;

    private CommitSigning(GitConfig.CommitSigningMethod method, String keyFile, Signer signer) {
        this.method = method;
        this.keyFile = keyFile;
        this.signer = signer;
    }

    /** The signing for this write-back; a missing or unreadable key is an error naming where it was looked for. */
    static CommitSigning of(GitConfig config, GitCredentials credentials, Path workspace) {
        GitConfig.CommitSigningMethod method = config.commitSigningMethod();
        if (method == null || method == GitConfig.CommitSigningMethod.NONE) {
            return NONE;
        }
        String key = credentials.field("signingKey");
        String origin = "signingKey of " + credentials.origin();
        try {
            if (key == null) {
                Path file = config.commitSigningKey()
                        .filter(path -> !path.isBlank())
                        .map(Path::of)
                        .orElseThrow(() -> new GitWriteBackException(
                                "commit signing (" + method.name().toLowerCase() + ") needs a signingKey in "
                                        + credentials.origin() + " or git-commit-signing-key"));
                key = Files.readString(file);
                origin = "git-commit-signing-key " + file;
            }
            if (method == GitConfig.CommitSigningMethod.SSH) {
                Path dir = Files.createDirectories(workspace.resolve("signing"));
                Path file = dir.resolve("signing_key");
                Files.writeString(file, key.endsWith("\n") ? key : key + "\n", StandardCharsets.UTF_8);
                restrict(file);
                return new CommitSigning(method, file.toString(), Signers.get(GpgConfig.GpgFormat.SSH));
            }
            return new CommitSigning(
                    method, null, new OpenPgpSigner(key, credentials.field("signingKeyPassphrase"), origin));
        } catch (IOException e) {
            throw new GitWriteBackException("cannot read the signing key (" + origin + "): " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the workspace is private to this process anyway
        }
    }

    /** Sets up the commit command: signed as configured, or explicitly unsigned. */
    void apply(CommitCommand command) {
        if (signer == null) {
            command.setSign(Boolean.FALSE);
            return;
        }
        Config gitConfig = new Config();
        gitConfig.setString("gpg", null, "format", method == GitConfig.CommitSigningMethod.SSH ? "ssh" : "openpgp");
        command.setSign(Boolean.TRUE).setGpgConfig(new GpgConfig(gitConfig)).setSigner(signer);
        if (keyFile != null) {
            command.setSigningKey(keyFile);
        }
    }

    /** An OpenPGP detached, armored signature over the commit, made with a key held in memory. */
    private static final class OpenPgpSigner implements Signer {
        private final PGPSecretKey key;
        private final PGPPrivateKey privateKey;

        OpenPgpSigner(String armored, String passphrase, String origin) {
            try (InputStream in =
                    PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.UTF_8)))) {
                PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
                PGPSecretKey found = null;
                for (Iterator<PGPSecretKeyRing> it = rings.getKeyRings(); it.hasNext() && found == null; ) {
                    for (Iterator<PGPSecretKey> keys = it.next().getSecretKeys(); keys.hasNext(); ) {
                        PGPSecretKey candidate = keys.next();
                        if (candidate.isSigningKey() && !candidate.isPrivateKeyEmpty()) {
                            found = candidate;
                            break;
                        }
                    }
                }
                if (found == null) {
                    throw new GitWriteBackException("the " + origin + " holds no OpenPGP signing key");
                }
                this.key = found;
                this.privateKey =
                        found.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                                .build(passphrase == null ? new char[0] : passphrase.toCharArray()));
            } catch (IOException | PGPException e) {
                // BouncyCastle's messages never quote key material, but keep only the kind of failure
                throw new GitWriteBackException("the " + origin + " cannot be read as an armored OpenPGP secret key"
                        + " (wrong signingKeyPassphrase?): " + e.getClass().getSimpleName());
            }
        }

        @Override
        public GpgSignature sign(
                Repository repository,
                GpgConfig config,
                byte[] data,
                PersonIdent committer,
                String signingKey,
                CredentialsProvider credentials) {
            try {
                PGPSignatureGenerator generator = new PGPSignatureGenerator(
                        new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                        key.getPublicKey());
                generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
                generator.update(data);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ArmoredOutputStream armor = new ArmoredOutputStream(out);
                        BCPGOutputStream packets = new BCPGOutputStream(armor)) {
                    generator.generate().encode(packets);
                }
                return new GpgSignature(out.toByteArray());
            } catch (IOException | PGPException e) {
                throw new GitWriteBackException(
                        "OpenPGP signing failed: " + e.getClass().getSimpleName());
            }
        }

        @Override
        public boolean canLocateSigningKey(
                Repository repository,
                GpgConfig config,
                PersonIdent committer,
                String signingKey,
                CredentialsProvider credentials) {
            return true;
        }
    }
}
