package io.imageupdater.argocd.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ApplicationFilter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists ImageUpdater resources, one call per namespace ({@code *}: one in all). A cluster without the CRD has
 * none: the updater then works from annotations alone.
 */
@ApplicationScoped
public class ImageUpdaterLister {
    private final KubernetesClient client;

    public ImageUpdaterLister(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The resources in a namespace; one that cannot be read is logged and left out, so it never hides the others.
     *
     * @throws ImageUpdaterException naming the namespace when the list call fails
     */
    public List<ImageUpdaterResource> list(String namespace) {
        List<GenericKubernetesResource> items;
        try {
            var resources = client.genericKubernetesResources(ImageUpdaterResource.CONTEXT);
            items = (ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                            ? resources.inAnyNamespace().list()
                            : resources.inNamespace(namespace).list())
                    .getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                Log.debugf("no ImageUpdater resources in %s: the CRD is not installed", namespace);
                return List.of();
            }
            throw new ImageUpdaterException(
                    "listing ImageUpdater resources in "
                            + (ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                                    ? "all namespaces"
                                    : "namespace " + namespace)
                            + " failed: " + e.getMessage(),
                    e);
        }
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
}
