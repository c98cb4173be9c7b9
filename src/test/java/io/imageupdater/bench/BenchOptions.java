package io.imageupdater.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command line of the benchmark.
 *
 * @param scenario    small, fleet or newest-build
 * @param latency     added to every registry request by the proxy
 * @param tokenAuth   whether the proxy demands Bearer tokens, like Docker Hub
 * @param registryLimit requests per second for the registry's {@code registries.conf} entry, or {@code null} for no
 *                    entry (then the updater's default for a registry nobody configured applies)
 * @param interval    the updater's {@code --interval}
 * @param timeout     how long two cycles may take before the run is given up
 * @param jar         the packaged updater
 * @param resultsDir  where the JSON result goes
 * @param jvmOptions  options for the updater's JVM
 * @param updaterArgs further arguments for {@code run}
 */
record BenchOptions(
        String scenario,
        Duration latency,
        boolean tokenAuth,
        Integer registryLimit,
        String interval,
        Duration timeout,
        Path jar,
        Path resultsDir,
        List<String> jvmOptions,
        List<String> updaterArgs) {

    /**
     * The JVM as the container image runs it inside the Deployment's 384 MiB memory limit on 2 CPUs: the image's own
     * flags ({@code quarkus.jib.jvm-additional-arguments}), the limit as the memory the JVM sees, and the serial
     * collector that the JVM picks by itself below 1792 MB.
     */
    static final List<String> DEPLOYMENT_JVM =
            List.of("-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC");

    static final String USAGE = """
            usage: bench/run.sh [small|fleet|newest-build] [--latency-ms N] [--no-token-auth] [--registry-limit N|default]
                                [--interval D]
                                [--timeout-s N] [--jvm-opts "..."] [-- run-args...]""";

    BenchOptions {
        jvmOptions = List.copyOf(jvmOptions);
        updaterArgs = List.copyOf(updaterArgs);
    }

    static BenchOptions parse(String... args) {
        String scenario = "small";
        Duration latency = Duration.ofMillis(50);
        boolean tokenAuth = true;
        Integer registryLimit = 100;
        String interval = "1s";
        Duration timeout = Duration.ofMinutes(4);
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        Path results = Path.of("bench/results");
        List<String> jvm = DEPLOYMENT_JVM;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(value(args, ++i, arg)));
                case "--no-token-auth" -> tokenAuth = false;
                case "--registry-limit" -> {
                    String limit = value(args, ++i, arg);
                    registryLimit = limit.equals("default") ? null : Integer.valueOf(limit);
                }
                case "--interval" -> interval = value(args, ++i, arg);
                case "--timeout-s" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--results" -> results = Path.of(value(args, ++i, arg));
                case "--jvm-opts" ->
                    jvm = Arrays.stream(value(args, ++i, arg).trim().split("\\s+"))
                            .filter(s -> !s.isEmpty())
                            .toList();
                case "--" -> {
                    extra.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    scenario = arg;
                }
            }
        }
        Scenario.named(scenario);
        return new BenchOptions(
                scenario, latency, tokenAuth, registryLimit, interval, timeout, jar, results, jvm, extra);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
