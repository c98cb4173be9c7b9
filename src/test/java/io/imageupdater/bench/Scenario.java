package io.imageupdater.bench;

import java.util.List;
import java.util.Locale;

/**
 * One benchmark fleet: how many Applications, repositories and tags, which strategy, and what the registry serves.
 *
 * @param name          what {@code bench/run.sh} calls it
 * @param applications  Argo CD Applications created (one image each)
 * @param repositories  distinct repositories the Applications use
 * @param tags          semver tags per repository
 * @param namespaces    namespaces the Applications are spread over (all watched)
 * @param newestBuild   {@code newest-build} strategy with multi-platform indexes, else {@code semver} with plain manifests
 * @param dueEvery      every {@code dueEvery}-th Application runs an older tag and is due an update
 * @param realistic     Applications carry what Argo CD writes into their status (about 20 KB each: 30
 *                      {@code status.resources}, 10 {@code status.history} entries, an {@code operationState})
 */
record Scenario(
        String name,
        int applications,
        int repositories,
        int tags,
        int namespaces,
        boolean newestBuild,
        int dueEvery,
        boolean realistic) {

    static final List<Scenario> ALL = List.of(
            new Scenario("small", 50, 20, 10, 2, false, 10, false),
            new Scenario("fleet", 2000, 300, 40, 4, false, 10, false),
            new Scenario("newest-build", 200, 50, 100, 2, true, 10, false),
            new Scenario("fleet-10k", 10_000, 1000, 30, 5, false, 10, true));

    Scenario {
        if (applications < 1
                || repositories < 1
                || repositories > applications
                || tags < 2
                || namespaces < 1
                || dueEvery < 1) {
            throw new IllegalArgumentException("inconsistent scenario " + name);
        }
    }

    static Scenario named(String name) {
        return ALL.stream()
                .filter(s -> s.name().equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario \"" + name + "\"; one of "
                        + ALL.stream().map(Scenario::name).toList()));
    }

    String namespace(int index) {
        return "apps-" + index;
    }

    List<String> namespaceNames() {
        return java.util.stream.IntStream.range(0, namespaces)
                .mapToObj(this::namespace)
                .toList();
    }

    String repository(int index) {
        return "bench/service-" + index;
    }

    /** The i-th tag of every repository: 1.0.0, 1.0.1, … 1.0.9, 1.1.0, …; higher index = newer version. */
    String tag(int index) {
        return "1." + index / 10 + "." + index % 10;
    }

    /** Whether Application i is due an update (runs the second newest tag instead of the newest). */
    boolean due(int application) {
        return application % dueEvery == 0;
    }

    int expectedUpdates() {
        return (applications + dueEvery - 1) / dueEvery;
    }
}
