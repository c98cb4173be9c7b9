package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ApplicationWatch;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterLister;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterWatch;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The gather step. For {@code run}, Applications and ImageUpdater resources come from informer stores
 * ({@link #watch}): a cycle makes no request for them. Otherwise ({@code run --once}, {@code test}, or a namespace
 * whose informer has not synced within {@link #SYNC_WAIT}), per watched namespace one paginated list of each (one of
 * each in all for {@code *}). A namespace that fails is reported and skipped.
 */
@ApplicationScoped
public class InventoryReader {
    /** How long a cycle waits for an informer's first list before listing itself. */
    static final Duration SYNC_WAIT = Duration.ofSeconds(60);

    private final ApplicationLister applications;
    private final ImageUpdaterLister resources;
    private final ApplicationWatch watchedApplications;
    private final ImageUpdaterWatch watchedResources;
    private final UpdaterMetrics metrics;

    InventoryReader(
            ApplicationLister applications,
            ImageUpdaterLister resources,
            ApplicationWatch watchedApplications,
            ImageUpdaterWatch watchedResources,
            UpdaterMetrics metrics) {
        this.applications = applications;
        this.resources = resources;
        this.watchedApplications = watchedApplications;
        this.watchedResources = watchedResources;
        this.metrics = metrics;
    }

    /**
     * Starts the informers of the filter's namespaces (for {@code run}); returns at once. Where the ImageUpdater CRD
     * is not installed, its resources keep being listed each cycle (so installing it later takes effect).
     */
    public void watch(ApplicationFilter filter) {
        List<String> namespaces = namespaces(filter);
        watchedApplications.start(namespaces);
        List<String> withCrd = namespaces.stream().filter(resources::installed).toList();
        watchedResources.start(withCrd);
    }

    /** Whether every started informer has completed its first list (true when none was started). */
    public boolean synced() {
        return watchedApplications.synced() && watchedResources.synced();
    }

    /**
     * The Application with its whole status when its safety record watches a write's health: the informers' store
     * keeps no {@code status.operationState}, so such an Application (there are few) is read once more.
     */
    ArgoApplication withHealth(ArgoApplication app, Instant now) {
        boolean stored = app.listed() == null || app.listed().get("status", "operationState") == null;
        if (!stored || !watchedApplications.watches(app.namespace()) || !SafetyState.watching(app, now)) {
            return app;
        }
        metrics.kubernetesRequest();
        try {
            return applications.get(app.namespace(), app.name()).orElse(app);
        } catch (RuntimeException e) {
            metrics.kubernetesError();
            Log.warnf("%s; its health is judged from the watched fields only", e.getMessage());
            return app;
        }
    }

    Inventory read(ApplicationFilter filter) {
        List<ArgoApplication> apps = new ArrayList<>();
        List<ImageUpdaterResource> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String namespace : namespaces(filter)) {
            apps.addAll(watched(namespace, watchedApplications.watches(namespace), this::storedApplications)
                    .orElseGet(() -> list(namespace, applications::listAll, errors)));
            found.addAll(watched(namespace, watchedResources.watches(namespace), this::storedResources)
                    .orElseGet(() -> list(namespace, resources::list, errors)));
        }
        return new Inventory(apps, found, errors);
    }

    private Optional<List<ArgoApplication>> storedApplications(String namespace) {
        watchedApplications.awaitSynced(namespace, SYNC_WAIT);
        return watchedApplications.applications(namespace);
    }

    private Optional<List<ImageUpdaterResource>> storedResources(String namespace) {
        watchedResources.awaitSynced(namespace, SYNC_WAIT);
        return watchedResources.resources(namespace);
    }

    private static <T> Optional<List<T>> watched(
            String namespace, boolean watches, Function<String, Optional<List<T>>> store) {
        if (!watches) {
            return Optional.empty();
        }
        Optional<List<T>> items = store.apply(namespace);
        if (items.isEmpty()) {
            Log.warnf("the informer of namespace %s has not synced within %s; listing instead", namespace, SYNC_WAIT);
        }
        return items;
    }

    private static List<String> namespaces(ApplicationFilter filter) {
        return filter.allNamespaces()
                ? List.of(ApplicationFilter.ALL_NAMESPACES)
                : List.copyOf(new TreeSet<>(filter.namespaces()));
    }

    private <T> List<T> list(String namespace, Function<String, List<T>> lister, List<String> errors) {
        metrics.kubernetesRequest();
        try {
            return lister.apply(namespace);
        } catch (RuntimeException e) {
            metrics.kubernetesError();
            Log.error(e.getMessage());
            errors.add(e.getMessage());
            return List.of();
        }
    }
}
