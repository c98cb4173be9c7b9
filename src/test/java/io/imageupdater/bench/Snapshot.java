package io.imageupdater.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters and process figures at one instant (startup, or the end of a cycle).
 *
 * @param registry      registry requests so far, by kind
 * @param kubernetes    Kubernetes API requests so far, by kind
 * @param cpuMillis     the updater's user + system CPU time so far
 * @param peakRssKib    its peak resident set size so far
 * @param peakHeapKib   the most heap in use at any GC so far
 * @param heapCommittedKib the most heap committed so far
 * @param apiBytes      bytes the API server sent to the updater so far
 */
record Snapshot(
        Map<String, Long> registry,
        Map<String, Long> kubernetes,
        long cpuMillis,
        long peakRssKib,
        long peakHeapKib,
        long heapCommittedKib,
        long apiBytes) {

    Snapshot {
        registry = Map.copyOf(registry);
        kubernetes = Map.copyOf(kubernetes);
    }

    static Snapshot take(LatencyProxy proxy, BenchCluster cluster, UpdaterProcess updater) {
        long[] heap = updater.peakHeapKib();
        return new Snapshot(
                proxy.counts(),
                cluster.counts(),
                updater.cpuMillis(),
                updater.peakRssKib(),
                heap[0],
                heap[1],
                cluster.bytesFromServer());
    }

    /** Counts since {@code earlier}, in the order of {@code kinds}. */
    static Map<String, Long> delta(Map<String, Long> now, Map<String, Long> earlier, Iterable<String> kinds) {
        Map<String, Long> delta = new LinkedHashMap<>();
        kinds.forEach(kind -> delta.put(kind, now.getOrDefault(kind, 0L) - earlier.getOrDefault(kind, 0L)));
        return delta;
    }
}
