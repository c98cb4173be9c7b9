package io.imageupdater.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged updater as a separate JVM. Its log goes to a file; each line that marks startup or a finished cycle is
 * handed to a listener on the reading thread, so the caller can take its snapshot right then.
 */
final class UpdaterProcess implements AutoCloseable {
    static final String STARTED = "image-updater starting";
    static final String CYCLE_FINISHED = "cycle finished:";
    private static final Pattern HEAP = Pattern.compile("\\) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Process process;
    private final Path gcLog;
    private final Thread reader;

    UpdaterProcess(List<String> command, Path log, Path gcLog, BiConsumer<String, UpdaterProcess> onMarker)
            throws IOException {
        this.gcLog = gcLog;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("KUBE")
                        || name.startsWith("IMAGE_UPDATER")
                        || name.startsWith("REGISTRY_")
                        || name.startsWith("QUARKUS_")
                        || name.equals("MAX_CONCURRENT_APPS")
                        || name.startsWith("JAVA_TOOL_OPTIONS"));
        this.process = builder.start();
        this.reader = Thread.ofPlatform().name("updater-log").start(() -> read(log, onMarker));
    }

    private void read(Path log, BiConsumer<String, UpdaterProcess> onMarker) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(STARTED) || line.contains(CYCLE_FINISHED)) {
                    onMarker.accept(line, this);
                }
                out.println(line);
            }
        } catch (IOException e) {
            // the process went away; the caller notices
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** User plus system CPU time so far, in milliseconds ({@code /proc/PID/stat}, fields 14 and 15). */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / ClockTicks.PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size so far, in KiB ({@code VmHWM} in {@code /proc/PID/status}). */
    long peakRssKib() {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The heap as the GC log ({@code -Xlog:gc}) shows it so far: the most ever in use (just before a collection, which is
     * when the heap is fullest) and the most ever committed, in KiB.
     */
    long[] peakHeapKib() {
        long used = 0;
        long committed = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = HEAP.matcher(line);
                if (m.find()) {
                    used = Math.max(used, kib(m.group(1), m.group(2)));
                    committed = Math.max(committed, kib(m.group(5), m.group(6)));
                }
            }
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
        return new long[] {used, committed};
    }

    private static long kib(String value, String unit) {
        long n = Long.parseLong(value);
        return switch (unit) {
            case "G" -> n * 1024 * 1024;
            case "M" -> n * 1024;
            default -> n;
        };
    }

    /** Asks the updater to stop (SIGTERM) and waits for it; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** {@code getconf CLK_TCK}; 100 on every Linux this runs on, asked once to be sure. */
    static final class ClockTicks {
        static final long PER_SECOND = ask();

        private static long ask() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
                String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                getconf.waitFor();
                return Long.parseLong(out);
            } catch (IOException | RuntimeException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }
}
