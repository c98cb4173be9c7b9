package io.imageupdater.bench;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one cycle cost, from the updater's summary line and the difference of two snapshots.
 *
 * @param name             "first" or "steady-state"
 * @param applications     Applications the cycle looked at
 * @param images           images it looked at
 * @param updated          images it updated
 * @param errors           errors it reported
 * @param wallMillis       the cycle's duration as its summary line states it
 * @param registry         registry requests during the cycle, by kind
 * @param kubernetes       Kubernetes API requests during the cycle, by kind
 * @param cpuMillis        CPU time the updater used since the previous snapshot
 * @param peakHeapKib      peak heap in use so far (at a GC)
 * @param heapCommittedKib peak heap committed so far
 * @param peakRssKib       peak RSS so far
 * @param apiBytes         bytes the API server sent to the updater during the cycle (lists, watch events, answers)
 */
record CycleReport(
        String name,
        long applications,
        long images,
        long updated,
        long errors,
        long wallMillis,
        Map<String, Long> registry,
        Map<String, Long> kubernetes,
        long cpuMillis,
        long peakHeapKib,
        long heapCommittedKib,
        long peakRssKib,
        long apiBytes) {

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");

    static CycleReport of(String name, String summaryLine, Snapshot before, Snapshot after) {
        Map<String, Long> fields = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(summaryLine.substring(summaryLine.indexOf(UpdaterProcess.CYCLE_FINISHED)));
        while (m.find()) {
            fields.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return new CycleReport(
                name,
                fields.getOrDefault("applications", -1L),
                fields.getOrDefault("images", -1L),
                fields.getOrDefault("updated", -1L),
                fields.getOrDefault("errors", -1L),
                fields.getOrDefault("duration", -1L),
                Snapshot.delta(after.registry(), before.registry(), LatencyProxy.KINDS),
                Snapshot.delta(
                        after.kubernetes(),
                        before.kubernetes(),
                        java.util.stream.Stream.concat(
                                        CountingDispatcher.KINDS.stream(),
                                        java.util.stream.Stream.of(CountingDispatcher.BUSY_MILLIS))
                                .toList()),
                after.cpuMillis() - before.cpuMillis(),
                after.peakHeapKib(),
                after.heapCommittedKib(),
                after.peakRssKib(),
                after.apiBytes() - before.apiBytes());
    }

    long kubernetesWrites() {
        return kubernetes.get("updates") + kubernetes.get("patches");
    }
}
