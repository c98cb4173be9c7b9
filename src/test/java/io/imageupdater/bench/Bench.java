package io.imageupdater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imageupdater.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run.sh [scenario]}: a real registry behind a slow proxy, a mock API server full of Applications, and the
 * packaged updater run against them for a first and a steady-state cycle. Prints a table per cycle, writes
 * {@code bench/results/<scenario>-<timestamp>.json} and exits 1 when a request-count check fails.
 */
public final class Bench {
    private static final int CYCLES = 2;

    private final BenchOptions options;
    private final Scenario scenario;

    private Bench(BenchOptions options) {
        this.options = options;
        this.scenario = Scenario.named(options.scenario());
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> ProcessHandle.current()
                        .descendants()
                        .forEach(ProcessHandle::destroy))); // registry and updater go too when the bench is interrupted
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = new Bench(options).run();
        } catch (Exception | AssertionError e) {
            System.err.println("[bench] failed: " + e.getMessage());
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit); // the mock API server leaves non-daemon threads behind
    }

    private int run() throws Exception {
        Path work = Files.createTempDirectory("bench-" + scenario.name() + "-");
        log(
                "scenario %s: %d Applications in %d namespaces, %d repositories x %d tags, %s; work dir %s",
                scenario.name(),
                scenario.applications(),
                scenario.namespaces(),
                scenario.repositories(),
                scenario.tags(),
                scenario.newestBuild() ? "newest-build, multi-platform indexes" : "semver",
                work);
        try (TestRegistry registry = TestRegistry.start();
                LatencyProxy proxy = new LatencyProxy(registry.url(), options.latency(), options.tokenAuth());
                BenchCluster cluster = new BenchCluster(work)) {
            long start = System.nanoTime();
            FleetImages images = new FleetImages(scenario, registry.directory().resolve("storage"));
            int written = images.writeAll();
            log("stored %d tags in the registry in %d ms", written, elapsedMillis(start));
            RegistryProbe.check(registry.url(), images.sampleReference());
            start = System.nanoTime();
            cluster.createApplications(scenario, proxy.host());
            log(
                    "created %d Applications in %d ms (%,d bytes of JSON each)",
                    scenario.applications(), elapsedMillis(start), cluster.applicationBytes(scenario));
            List<CycleReport> cycles = runUpdater(work, proxy, cluster);
            BenchResult result = new BenchResult(scenario, options, cycles);
            System.out.println();
            System.out.print(result.tables());
            List<String> failures = result.failedChecks();
            System.out.print(result.checkLines());
            Path json = writeJson(result);
            log("results written to %s", json);
            removeInBackground(registry.directory().resolve("storage"));
            if (!failures.isEmpty()) {
                log("FAILED: %d check(s); updater log: %s", failures.size(), work.resolve("updater.log"));
                return 1;
            }
            return 0;
        }
    }

    private List<CycleReport> runUpdater(Path work, LatencyProxy proxy, BenchCluster cluster) throws Exception {
        List<String> lines = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Path gcLog = work.resolve("gc.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options.jvmOptions());
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-Dquarkus.http.port=0");
        command.add("-jar");
        command.add(options.jar().toString());
        command.addAll(List.of(
                "run",
                "--interval",
                options.interval(),
                "--kubeconfig",
                cluster.kubeconfig().toString(),
                "--watch-namespaces",
                String.join(",", scenario.namespaceNames())));
        if (options.registryLimit() != null) {
            Path registriesConf = work.resolve("registries.conf");
            Files.writeString(registriesConf, """
                    registries:
                    - name: bench
                      prefix: %s
                      api_url: http://%s
                      limit: %d
                    """.formatted(proxy.host(), proxy.host(), options.registryLimit()));
            command.addAll(List.of("--registries-conf-path", registriesConf.toString()));
        }
        command.addAll(options.updaterArgs());
        log("starting the updater: %s", String.join(" ", command));
        try (UpdaterProcess updater =
                new UpdaterProcess(command, work.resolve("updater.log"), gcLog, (line, process) -> {
                    synchronized (lines) {
                        if (snapshots.size() > CYCLES) {
                            return;
                        }
                        lines.add(line);
                        snapshots.add(Snapshot.take(proxy, cluster, process));
                        if (snapshots.size() > CYCLES) {
                            done.countDown();
                        }
                    }
                })) {
            long deadline = System.nanoTime() + options.timeout().toNanos();
            while (!done.await(200, TimeUnit.MILLISECONDS)) {
                if (!updater.isAlive() || System.nanoTime() > deadline) {
                    updater.close();
                    throw new IllegalStateException("the updater "
                            + (updater.isAlive() ? "did not finish two cycles in " + options.timeout() : "exited early")
                            + "; see " + work.resolve("updater.log"));
                }
            }
            int exit = updater.stop();
            log("updater stopped with SIGTERM, exit code %d", exit);
        }
        List<CycleReport> cycles = new ArrayList<>();
        for (int i = 1; i <= CYCLES; i++) {
            cycles.add(CycleReport.of(
                    i == 1 ? "first" : "steady-state", lines.get(i), snapshots.get(i - 1), snapshots.get(i)));
        }
        return cycles;
    }

    /**
     * Hands a large directory (fleet-10k's registry holds 30,000 tags in some 150,000 files) to an {@code rm -rf} that
     * outlives the bench, instead of deleting it file by file before exiting.
     */
    private static void removeInBackground(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                return;
            }
            Path moved =
                    Files.move(dir, Files.createTempDirectory("bench-storage-").resolve("storage"));
            new ProcessBuilder(
                            "sh",
                            "-c",
                            "rm -rf \"$0\" </dev/null >/dev/null 2>&1 &",
                            moved.getParent().toString())
                    .start()
                    .waitFor();
        } catch (IOException e) {
            log("the registry's storage stays behind for the registry to delete: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path writeJson(BenchResult result) throws IOException {
        Files.createDirectories(options.resultsDir());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path file = options.resultsDir().resolve(scenario.name() + "-" + stamp + ".json");
        Map<String, Object> json = new LinkedHashMap<>(result.asMap());
        json.put("machine", Machine.describe());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }

    private static long elapsedMillis(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
        System.out.flush();
    }
}
