package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.testing.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a cycle is in flight: the packaged application starts no new work, lets the running cycle finish
 * its write-back, and exits 0.
 */
class ShutdownIT {

    @Test
    void sigtermLetsTheRunningCycleFinishItsWriteBackThenExitsZero() throws Exception {
        try (MockApiServer api = new MockApiServer();
                FakeRegistry registry = FakeRegistry.start()
                        .withTags("acme/web", List.of("1.0.0", "1.1.0", "2.0.0"))
                        .withDelay(Duration.ofSeconds(4))) {
            String web = registry.host() + "/acme/web";
            api.createApplication("apps", "shop", "web=" + web + ":~1.1", web + ":1.0.0");
            Path out = Files.createTempFile("shutdown-out", ".txt");

            Process process = start(out, "run", "--kubeconfig", api.kubeconfig().toString(), "--interval", "1h");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (registry.requests().stream().noneMatch(request -> request.contains("/tags/list"))) {
                assertTrue(process.isAlive(), () -> "exited early: " + read(out));
                assertTrue(System.nanoTime() < deadline, () -> "no cycle started: " + read(out));
                Thread.sleep(50);
            }
            process.destroy(); // SIGTERM, while the tag listing (and so the write-back) is still to come

            assertTrue(process.waitFor(30, TimeUnit.SECONDS), () -> "still running: " + read(out));
            String log = read(out);
            assertEquals(0, process.exitValue(), log);
            assertEquals(List.of(web + ":1.1.0"), api.kustomizeImages("apps", "shop"), log);
            assertTrue(log.contains("waiting up to 20s for the running update cycle"), log);
            assertTrue(log.indexOf("updated web: 1.0.0 -> 1.1.0") > log.indexOf("waiting up to"), log);
            assertEquals(
                    1,
                    registry.requests().stream()
                            .filter(request -> request.contains("/tags/list"))
                            .count(),
                    "no new cycle after SIGTERM");
            Files.delete(out);
        }
    }

    private static Process start(Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", Jar.JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KUBE") || name.startsWith("IMAGE_UPDATER"));
        builder.environment().put("HOME", Files.createTempDirectory("home").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("IMAGE_UPDATER_SHUTDOWN_GRACE_PERIOD", "20s");
        return builder.start();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
