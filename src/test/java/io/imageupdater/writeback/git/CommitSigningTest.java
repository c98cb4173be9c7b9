package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit signing ({@code git-commit-signing-method}) with the key of the write-back's Secret: the pushed commit
 * verifies with {@code git verify-commit} against the test's own keys (ssh-keygen's and gpg's), and not against
 * another key.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CommitSigningTest {
    private static final Namespaces NAMESPACES = new Namespaces("signing");
    private static final String KUSTOMIZATION = "images:\n  - name: ghcr.io/acme/web\n    newTag: 1.0.0\n";

    @Inject
    GitCredentialSource credentials;

    @Inject
    KubernetesClient client;

    @TempDir
    Path tmp;

    @Test
    void anSshSignedCommitVerifiesWithTheAllowedSigner() throws Exception {
        Path key = tmp.resolve("id_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bot", "-f", key.toString()), Map.of());
        Path other = tmp.resolve("other");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "other", "-f", other.toString()), Map.of());
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION))) {
            WriteResult result =
                    write(remote, GitConfig.CommitSigningMethod.SSH, Map.of("signingKey", Files.readString(key)));

            assertNull(result.error(), result.error());
            Path gitDir = remote.repository().getDirectory().toPath();
            assertEquals(0, verifySsh(gitDir, key), "verifies against the signing key");
            assertNotEquals(0, verifySsh(gitDir, other), "does not verify against another key");
        }
    }

    @Test
    void anOpenPgpSignedCommitWithAPassphraseVerifiesWithGpg() throws Exception {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "gpg");
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION))) {
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            List<String> gpg = List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "s3cret");
            run(
                    concat(
                            gpg,
                            "--quick-gen-key",
                            "image-updater <noreply@imageupdater.io>",
                            "rsa2048",
                            "sign",
                            "never"),
                    env);
            String armored = run(concat(gpg, "--armor", "--export-secret-keys", "noreply@imageupdater.io"), env);

            WriteResult result = write(
                    remote,
                    GitConfig.CommitSigningMethod.OPENPGP,
                    Map.of("signingKey", armored, "signingKeyPassphrase", "s3cret"));

            assertNull(result.error(), result.error());
            Path gitDir = remote.repository().getDirectory().toPath();
            assertEquals(0, exit(List.of("git", "--git-dir", gitDir.toString(), "verify-commit", "main"), env));
        } finally {
            exit(List.of("gpgconf", "--kill", "gpg-agent"), env);
            org.eclipse.jgit.util.FileUtils.delete(
                    home.toFile(),
                    org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
        }
    }

    @Test
    void aWrongPassphraseFailsTheWriteBackNamingTheKeyWithoutItsMaterial() throws Exception {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "gpg");
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION))) {
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            List<String> gpg = List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "right");
            run(concat(gpg, "--quick-gen-key", "bot <noreply@imageupdater.io>", "rsa2048", "sign", "never"), env);
            String armored = run(concat(gpg, "--armor", "--export-secret-keys", "noreply@imageupdater.io"), env);

            WriteResult result = write(
                    remote,
                    GitConfig.CommitSigningMethod.OPENPGP,
                    Map.of("signingKey", armored, "signingKeyPassphrase", "wrong"));

            assertNotNull(result.error());
            assertTrue(result.error().contains("signingKey"), result.error());
            assertFalse(result.error().contains(armored.lines().toList().get(3)), result.error());
            assertEquals(1, remote.log("main").size(), "nothing pushed unsigned");
        } finally {
            exit(List.of("gpgconf", "--kill", "gpg-agent"), env);
            org.eclipse.jgit.util.FileUtils.delete(
                    home.toFile(),
                    org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
        }
    }

    private WriteResult write(GitRemote remote, GitConfig.CommitSigningMethod method, Map<String, String> signing) {
        String ns = NAMESPACES.next();
        Map<String, String> data = new java.util.HashMap<>(signing);
        data.put("username", "bot");
        data.put("password", "unused-on-file-remotes");
        GitCluster.secret(client, ns, "signer", data, null);
        GitChangeSet set = GitWriterTest.webChange(
                ns,
                remote.fileUrl(),
                Map.of(
                        Annotations.WRITE_BACK_METHOD,
                        "git:secret:signer",
                        Annotations.WRITE_BACK_TARGET,
                        "kustomization"));
        GitWriter writer = new GitWriter(credentials, new SigningGitConfig(method, Optional.empty()));
        return writer.write(set.writeKey(), List.of(set), "argocd", false).get(0);
    }

    private int verifySsh(Path gitDir, Path key) throws Exception {
        Path allowed = tmp.resolve("allowed_signers_" + key.getFileName());
        Files.writeString(allowed, "noreply@imageupdater.io " + Files.readString(Path.of(key + ".pub")));
        return exit(
                List.of(
                        "git",
                        "--git-dir",
                        gitDir.toString(),
                        "-c",
                        "gpg.ssh.allowedSignersFile=" + allowed,
                        "verify-commit",
                        "main"),
                Map.of());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Process process = start(command, env);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        assertEquals(0, process.exitValue(), command + ": " + out);
        return out;
    }

    private static int exit(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Process process = start(command, env);
        process.getInputStream().readAllBytes();
        process.waitFor(120, TimeUnit.SECONDS);
        return process.exitValue();
    }

    private static Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }
}
