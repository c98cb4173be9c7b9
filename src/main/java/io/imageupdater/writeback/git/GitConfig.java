package io.imageupdater.writeback.git;

import io.imageupdater.GoDuration;
import io.imageupdater.ImageUpdaterException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of Git write-back ({@code --git-commit-user}, {@code GIT_COMMIT_USER}, …; see
 * {@code application.properties} for the environment variables upstream reads).
 */
@ConfigMapping(prefix = "image-updater.git")
public interface GitConfig {
    /** Author and committer name. */
    @WithDefault("image-updater")
    String commitUser();

    /** Author and committer e-mail. */
    @WithDefault("noreply@imageupdater.io")
    String commitEmail();

    /** Where the Deployment mounts the ConfigMap key {@code git.commit-message-template}, as upstream does. */
    Path MOUNTED_TEMPLATE = Path.of("/app/config/commit.template");

    /** A commit message template file; when unset, {@link #MOUNTED_TEMPLATE} if it exists, else the built-in one. */
    Optional<String> commitMessagePath();

    /** The template file to use, if any. */
    default Optional<Path> commitMessageFile() {
        Optional<Path> configured =
                commitMessagePath().filter(path -> !path.isBlank()).map(Path::of);
        return configured.isPresent() || !Files.isRegularFile(MOUNTED_TEMPLATE)
                ? configured
                : Optional.of(MOUNTED_TEMPLATE);
    }

    /** Add a {@code Signed-off-by:} trailer. */
    @WithDefault("false")
    boolean commitSignOff();

    /**
     * How pushed commits (direct or proposed) are signed: {@code none}, {@code ssh} or {@code openpgp}
     * ({@code --git-commit-signing-method}, {@code GIT_COMMIT_SIGNING_METHOD}). The key is the {@code signingKey} (and
     * optional {@code signingKeyPassphrase}) of the write-back's {@code git:secret:} Secret, else
     * {@link #commitSigningKey()}.
     */
    @WithDefault("none")
    CommitSigningMethod commitSigningMethod();

    /**
     * A file with the signing key (an OpenSSH private key, or an armored OpenPGP secret key) used when the write-back's
     * Secret has no {@code signingKey} ({@code --git-commit-signing-key}, {@code GIT_COMMIT_SIGNING_KEY}).
     */
    Optional<String> commitSigningKey();

    /** How commits are signed. */
    enum CommitSigningMethod {
        NONE,
        SSH,
        OPENPGP
    }

    /** An SSH known_hosts file, read besides Argo CD's {@code argocd-ssh-known-hosts-cm} when it exists. */
    @WithDefault("/app/config/ssh/ssh_known_hosts")
    String knownHostsPath();

    /** How often a push rejected because the branch moved is retried on the new tip. */
    @WithDefault("3")
    int pushAttempts();

    /**
     * How long one Git transport operation (list, clone, fetch, push; connecting and each wait for the server) may
     * take before it fails, as a Go duration ({@code 60s}); {@code --git-timeout}, {@code IMAGE_UPDATER_GIT_TIMEOUT}.
     */
    @WithDefault("60s")
    String timeout();

    /** {@link #timeout()} parsed; a clear error naming the setting when it is not a positive duration. */
    default Duration transportTimeout() {
        Duration timeout = GoDuration.parse(timeout(), "git-timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ImageUpdaterException(
                    "git-timeout: \"" + timeout() + "\" is not a positive duration such as 60s");
        }
        return timeout;
    }
}
