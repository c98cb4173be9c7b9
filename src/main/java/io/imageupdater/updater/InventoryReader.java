package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterLister;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The gather step: per watched namespace one list of Applications and one of ImageUpdater resources (one of
 * each in all for {@code *}), however many resources there are. A namespace that fails is reported and skipped.
 */
@ApplicationScoped
class InventoryReader {
    private final ApplicationLister applications;
    private final ImageUpdaterLister resources;
    private final UpdaterMetrics metrics;

    InventoryReader(ApplicationLister applications, ImageUpdaterLister resources, UpdaterMetrics metrics) {
        this.applications = applications;
        this.resources = resources;
        this.metrics = metrics;
    }

    Inventory read(ApplicationFilter filter) {
        List<String> namespaces = filter.allNamespaces()
                ? List.of(ApplicationFilter.ALL_NAMESPACES)
                : List.copyOf(new TreeSet<>(filter.namespaces()));
        List<ArgoApplication> apps = new ArrayList<>();
        List<ImageUpdaterResource> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String namespace : namespaces) {
            apps.addAll(list(namespace, applications::listAll, errors));
            found.addAll(list(namespace, resources::list, errors));
        }
        return new Inventory(apps, found, errors);
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
