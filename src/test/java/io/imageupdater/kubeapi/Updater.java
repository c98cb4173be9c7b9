package io.imageupdater.kubeapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged updater ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, its output in a file. */
final class Updater implements AutoCloseable {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String CYCLE_FINISHED = "cycle finished:";

    private final Process process;
    private final Path out;

    private Updater(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    /** Starts {@code java -jar quarkus-run.jar ARGS} with the environment given (and none of ours). */
    static Updater start(Map<String, String> environment, String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the *KubeApiIT tier runs after ./mvnw package");
        }
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("updater", ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment()
                    .keySet()
                    .removeIf(name -> name.startsWith("KUBE")
                            || name.startsWith("IMAGE_UPDATER")
                            || name.startsWith("QUARKUS_")
                            || name.startsWith("POD_"));
            builder.environment().put("HOME", Files.createTempDirectory("home").toString());
            builder.environment().put("QUARKUS_HTTP_PORT", "0");
            builder.environment().putAll(environment);
            return new Updater(builder.start(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        try {
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits until the output contains one of {@code texts} or the process ends; returns the output so far. */
    String awaitAny(Duration timeout, String... texts) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String log = log();
            for (String text : texts) {
                if (log.contains(text)) {
                    return log;
                }
            }
            if (!process.isAlive()) {
                return log();
            }
            sleep(100);
        }
        throw new AssertionError("none of " + List.of(texts) + " within " + timeout + "; output:\n" + log());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, the Lease is not released. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, then wait. */
    @Override
    public void close() {
        process.destroy();
        if (!waitFor()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
