package io.imageupdater.writeback.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Authenticates JGit commands for one repository: user name and password over HTTPS, or a private key over SSH
 * (JGit's Apache MINA sshd transport) with strict host key checking against the known hosts given. Files it needs
 * live in the workspace's {@code ssh} directory and go with it.
 */
final class GitTransport implements AutoCloseable {
    private final GitCredentials credentials;
    private final SshdSessionFactory sshFactory;
    private final int timeoutSeconds;

    private GitTransport(GitCredentials credentials, SshdSessionFactory sshFactory, int timeoutSeconds) {
        this.credentials = credentials;
        this.sshFactory = sshFactory;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * @param timeout how long connecting and each wait for the server may take (JGit counts whole seconds: at least
     *                one, rounded up)
     */
    static GitTransport create(
            GitCredentials credentials, String knownHosts, Path sshDirectory, String repoUrl, Duration timeout) {
        try {
            Files.createDirectories(sshDirectory);
            Path knownHostsFile = sshDirectory.resolve("known_hosts");
            Files.writeString(knownHostsFile, knownHosts == null ? "" : knownHosts, StandardCharsets.UTF_8);
            Path config = sshDirectory.resolve("config");
            Files.writeString(
                    config, "Host *\n  StrictHostKeyChecking yes\n  UpdateHostKeys no\n", StandardCharsets.UTF_8);
            List<KeyPair> keys = credentials.hasKey() ? keys(credentials, repoUrl) : List.of();
            SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(sshDirectory.toFile())
                    .setSshDirectory(sshDirectory.toFile())
                    .setConfigFile(dir -> config.toFile())
                    .setDefaultKnownHostsFiles(dir -> List.of(knownHostsFile))
                    .setDefaultKeysProvider(dir -> keys)
                    .build(null);
            return new GitTransport(credentials, factory, seconds(timeout));
        } catch (IOException e) {
            throw new GitWriteBackException(
                    "cannot prepare the SSH settings for " + repoUrl + ": " + e.getMessage(), e);
        }
    }

    static int seconds(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }

    /**
     * Applies the credentials and the timeout to a command (ls-remote, clone, fetch, push). JGit gives the timeout
     * to the HTTP connection (connect and read timeouts) and to the SSH and git:// streams.
     */
    <C extends TransportCommand<C, ?>> C authenticate(C command) {
        command.setTimeout(timeoutSeconds);
        if (credentials.hasPassword()) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    credentials.username() == null ? "" : credentials.username(),
                    credentials.password() == null ? "" : credentials.password()));
        }
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sshFactory);
            }
        });
        return command;
    }

    private static List<KeyPair> keys(GitCredentials credentials, String repoUrl) {
        try (InputStream in =
                new ByteArrayInputStream(credentials.sshPrivateKey().getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> loaded =
                    SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(credentials.origin()), in, null);
            List<KeyPair> keys = new ArrayList<>();
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new GitWriteBackException(
                        "the sshPrivateKey of " + credentials.origin() + " for " + repoUrl + " holds no key");
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            // the parser's message may quote the key; keep only its type
            throw new GitWriteBackException("the sshPrivateKey of " + credentials.origin() + " for " + repoUrl
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void close() {
        sshFactory.close();
    }
}
