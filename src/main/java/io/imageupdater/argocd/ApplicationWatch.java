package io.imageupdater.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Applications of the watched namespaces as informers keep them (for {@code run}): listed once in pages, then
 * watched, so a cycle reads them without a request. The store keeps only what the updater reads ({@link #KEPT}):
 * never {@code status.resources}, {@code status.history}, {@code status.operationState} or conditions, which make
 * real Applications 5–50 KB each.
 */
@ApplicationScoped
public class ApplicationWatch implements AutoCloseable {
    /** The fields kept of each Application (besides namespace and name, which are its key). */
    public static final List<String> KEPT = List.of(
            "apiVersion",
            "kind",
            "metadata.uid",
            "metadata.resourceVersion",
            "metadata.generation",
            "metadata.labels",
            "metadata.annotations",
            "spec.project",
            "spec.source",
            "spec.sources",
            "spec.sourceHydrator",
            "status.sourceHydrator",
            "spec.destination",
            "status.summary.images",
            "status.sourceType",
            "status.sourceTypes",
            "status.health",
            "status.sync.status");

    private final ResourceInformers informers;

    public ApplicationWatch(KubernetesClient client) {
        this.informers = new ResourceInformers(
                client,
                ArgoApplication.CONTEXT,
                () -> new ReducedStateItemStore<>(
                        ReducedStateItemStore.NAME_KEY_STATE,
                        GenericKubernetesResource.class,
                        client.getKubernetesSerialization(),
                        KEPT.toArray(String[]::new)),
                "Applications");
    }

    /** Starts watching these namespaces ({@code *}: all); returns at once. */
    public void start(Collection<String> namespaces) {
        informers.start(namespaces);
    }

    public boolean watches(String namespace) {
        return informers.watches(namespace);
    }

    public boolean synced() {
        return informers.synced();
    }

    public boolean awaitSynced(String namespace, Duration timeout) {
        return informers.awaitSynced(namespace, timeout);
    }

    /** Every Application of a watched namespace ({@code *}: of all), or empty when not watched or not synced yet. */
    public Optional<List<ArgoApplication>> applications(String namespace) {
        return informers
                .items(namespace)
                .map(items -> items.stream().map(ArgoApplication::from).toList());
    }

    /** An Application as the store holds it (its reduced form), for checks. */
    public Optional<GenericKubernetesResource> stored(String watchedAs, String namespace, String name) {
        return informers.item(watchedAs, namespace, name);
    }

    @PreDestroy
    @Override
    public void close() {
        informers.close();
    }
}
