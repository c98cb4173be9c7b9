package io.imageupdater.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finished run: its tables, the request-count checks (which fail the run) and the time/memory targets (reported). */
record BenchResult(Scenario scenario, BenchOptions options, List<CycleReport> cycles) {
    static final long TARGET_HEAP_KIB = 256 * 1024;
    static final long TARGET_RSS_KIB = 400 * 1024;

    BenchResult {
        cycles = List.copyOf(cycles);
    }

    String tables() {
        StringBuilder out = new StringBuilder();
        for (CycleReport cycle : cycles) {
            out.append("%s cycle, scenario %s (registry latency %d ms, limit %s)%n"
                    .formatted(
                            cycle.name(),
                            scenario.name(),
                            options.latency().toMillis(),
                            options.registryLimit() == null ? "default" : options.registryLimit() + " req/s"));
            row(out, "Applications", cycle.applications());
            row(out, "images", cycle.images());
            row(out, "distinct repositories", scenario.repositories());
            row(out, "images updated", cycle.updated());
            row(out, "errors", cycle.errors());
            cycle.registry().forEach((kind, count) -> row(out, "registry " + kind, count));
            cycle.kubernetes().forEach((kind, count) -> row(out, "kubernetes " + kind, count));
            row(out, "bytes from the API server", "%,d".formatted(cycle.apiBytes()));
            row(out, "cycle wall time", cycle.wallMillis() + " ms");
            row(out, "CPU time", cycle.cpuMillis() + " ms");
            row(out, "peak heap used (at GC)", mib(cycle.peakHeapKib()));
            row(out, "peak heap committed", mib(cycle.heapCommittedKib()));
            row(out, "peak RSS", mib(cycle.peakRssKib()));
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Object value) {
        out.append("  %-28s %12s%n".formatted(label, value));
    }

    private static String mib(long kib) {
        return kib < 0 ? "?" : "%.1f MiB".formatted(kib / 1024.0);
    }

    /** Request counts that must hold: each failure is a sentence; the run exits 1 if there is any. */
    List<String> failedChecks() {
        return checks().entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
    }

    Map<String, Boolean> checks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        for (CycleReport cycle : cycles) {
            boolean first = cycle.name().equals("first");
            long updates = first ? scenario.expectedUpdates() : 0;
            String c = cycle.name() + " cycle: ";
            checks.put(
                    c + "Applications = " + scenario.applications(), cycle.applications() == scenario.applications());
            checks.put(c + "no errors", cycle.errors() == 0);
            boolean decides = !scenario.newestBuild() || metadataFetched();
            if (decides) { // without build times, newest-build has nothing to order the tags by
                checks.put(c + "images updated = " + updates, cycle.updated() == updates);
                // Each changed Application: the image write, then the safety record (what was written, issue 18).
                checks.put(
                        c + "Kubernetes writes = 2 x changed Applications (" + 2 * updates
                                + ": the write-back and its safety record)",
                        cycle.kubernetesWrites() == 2 * updates);
            }
            checks.put(
                    c + "registry tag lists = distinct repositories (" + scenario.repositories() + ")",
                    cycle.registry().get("tagLists") == scenario.repositories());
            long pages = informerPages();
            checks.put(
                    c + "Kubernetes Application lists = "
                            + (first ? "the informers' initial pages (" + pages + ")" : "0 (read from the informers)"),
                    cycle.kubernetes().get("lists") == (first ? pages : 0));
            checks.put(
                    c + "Kubernetes ImageUpdater lists <= "
                            + (first ? "2 x watched namespaces (CRD probe, initial list)" : "0"),
                    cycle.kubernetes().get("imageUpdaterLists") <= (first ? 2L * scenario.namespaces() : 0));
            checks.put(
                    c + "Kubernetes reads of single Applications <= writes (a fresh copy before each write)",
                    cycle.kubernetes().get("gets") <= cycle.kubernetesWrites());
            checks.put(
                    c + "Kubernetes events <= changed Applications",
                    cycle.kubernetes().get("events") <= updates);
            checks.put(
                    c + "no other Kubernetes requests",
                    cycle.kubernetes().get("other") + cycle.kubernetes().get("accessChecks") == 0);
        }
        if (scenario.newestBuild() && metadataFetched()) {
            CycleReport steady = cycles.get(cycles.size() - 1);
            checks.put(
                    "steady-state cycle: no manifest or blob requests for tags already seen",
                    steady.registry().get("manifests") + steady.registry().get("blobs") == 0);
        }
        return checks;
    }

    /** Pages of the informers' initial Application lists: per namespace, its Applications in pages. */
    long informerPages() {
        long perNamespace = (scenario.applications() + scenario.namespaces() - 1) / scenario.namespaces();
        long page = io.imageupdater.argocd.ResourceInformers.PAGE_SIZE;
        return scenario.namespaces() * Math.max(1, (perNamespace + page - 1) / page);
    }

    private boolean metadataFetched() {
        return cycles.get(0).registry().get("manifests") > 0;
    }

    /** Time and memory targets: reported, not failing the run (they depend on the machine and its load). */
    Map<String, Boolean> targets() {
        Map<String, Boolean> targets = new LinkedHashMap<>();
        if (scenario.name().equals("fleet")) {
            targets.put("first cycle under 10 s", cycles.get(0).wallMillis() < 10_000);
            targets.put(
                    "steady-state cycle under 5 s",
                    cycles.get(cycles.size() - 1).wallMillis() < 5_000);
        }
        CycleReport last = cycles.get(cycles.size() - 1);
        if (scenario.name().equals("fleet-10k")) {
            targets.put("peak RSS <= 300 MiB", last.peakRssKib() >= 0 && last.peakRssKib() <= 300 * 1024);
            targets.put(
                    "Application list requests in the steady cycle = 0",
                    last.kubernetes().get("lists") == 0);
            targets.put("bytes from the API server in the steady cycle <= 1 MB", last.apiBytes() <= 1_000_000);
            long requests =
                    last.registry().values().stream().mapToLong(Long::longValue).sum();
            if (options.registryLimit() != null) {
                long bound = (long) (1.2 * requests * 1000 / options.registryLimit());
                targets.put(
                        "steady cycle wall time <= 1.2 x (requests / limit) = " + bound + " ms",
                        last.wallMillis() <= bound);
            }
        }
        if (options.tokenAuth()) {
            targets.put(
                    "token requests in the first cycle <= repositories / 10 (" + scenario.repositories() / 10 + ")",
                    cycles.get(0).registry().get("tokens") <= scenario.repositories() / 10);
        }
        targets.put("peak heap under 256 MiB", last.peakHeapKib() >= 0 && last.peakHeapKib() < TARGET_HEAP_KIB);
        targets.put("peak RSS under 400 MiB", last.peakRssKib() >= 0 && last.peakRssKib() < TARGET_RSS_KIB);
        return targets;
    }

    String checkLines() {
        StringBuilder out = new StringBuilder("checks:").append(System.lineSeparator());
        checks().forEach((check, ok) -> out.append("  %-4s %s%n".formatted(ok ? "ok" : "FAIL", check)));
        if (scenario.newestBuild() && !metadataFetched()) {
            out.append("  n/a  no manifest requests at all: the updater does not fetch image metadata (created times)"
                    + " yet, so newest-build cannot order the tags%n".formatted());
        }
        out.append("targets (reported, not checked):").append(System.lineSeparator());
        targets().forEach((target, met) -> out.append("  %-6s %s%n".formatted(met ? "met" : "MISSED", target)));
        return out.toString();
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", scenario);
        map.put("latencyMillis", options.latency().toMillis());
        map.put("tokenAuth", options.tokenAuth());
        map.put("registryLimit", options.registryLimit() == null ? "default" : options.registryLimit());
        map.put("jvmOptions", options.jvmOptions());
        map.put("updaterArgs", options.updaterArgs());
        map.put("cycles", cycles);
        map.put("checks", checks());
        map.put("targets", targets());
        return map;
    }
}
