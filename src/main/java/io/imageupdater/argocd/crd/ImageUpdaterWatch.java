package io.imageupdater.argocd.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ResourceInformers;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The ImageUpdater resources of the watched namespaces as informers keep them (for {@code run}). They are small and
 * all of them is read, so the whole resource is kept.
 */
@ApplicationScoped
public class ImageUpdaterWatch implements AutoCloseable {
    private final ResourceInformers informers;

    public ImageUpdaterWatch(KubernetesClient client) {
        this.informers = new ResourceInformers(client, ImageUpdaterResource.CONTEXT, null, "ImageUpdater resources");
    }

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

    /** The resources of a watched namespace, or empty when not watched or not synced yet; bad ones are left out. */
    public Optional<List<ImageUpdaterResource>> resources(String namespace) {
        return informers.items(namespace).map(ImageUpdaterWatch::read);
    }

    private static List<ImageUpdaterResource> read(List<GenericKubernetesResource> items) {
        List<ImageUpdaterResource> found = new ArrayList<>();
        for (GenericKubernetesResource item : items) {
            try {
                found.add(ImageUpdaterResource.from(item));
            } catch (ImageUpdaterException e) {
                Log.warn(e.getMessage());
            }
        }
        return found;
    }

    @PreDestroy
    @Override
    public void close() {
        informers.close();
    }
}
