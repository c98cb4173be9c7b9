package io.imageupdater.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves {@code ext:/abs/path} by running the script with no arguments; its first line of standard output is
 * {@code user:password}. Standard error is discarded (it might echo secrets); the script is killed after the timeout.
 */
public class ExtCredentialResolver implements CredentialResolver {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;

    public ExtCredentialResolver() {
        this(DEFAULT_TIMEOUT);
    }

    public ExtCredentialResolver(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Credentials resolve(CredentialRef ref, CredentialScope scope) {
        if (ref.source() != CredentialRef.Source.EXT) {
            throw new UnsupportedCredentialSourceException(ref);
        }
        Path script = Path.of(ref.name());
        if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
            throw new CredentialsException(
                    "credential script " + script + " (reference \"" + ref + "\") does not exist or is not executable");
        }
        Process process;
        try {
            process = new ProcessBuilder(script.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new CredentialsException("cannot run credential script " + script + ": " + e.getMessage(), e);
        }
        String output = run(process, script);
        String firstLine = output.lines().findFirst().orElse("");
        return Credentials.parseUserPass(firstLine, "credential script " + script);
    }

    private String run(Process process, Path script) {
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CredentialsException("credential script " + script + " did not finish within "
                        + timeout.toSeconds() + "s and was killed");
            }
            if (process.exitValue() != 0) {
                throw new CredentialsException(
                        "credential script " + script + " exited with status " + process.exitValue());
            }
            return stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while running credential script " + script, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new CredentialsException("cannot read the output of credential script " + script);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
