package io.imageupdater.argocd.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
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
    /** Resources per list request. */
    static final long PAGE_SIZE = 500;

    private final KubernetesClient client;

    public ImageUpdaterLister(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Whether the ImageUpdater CRD answers in the namespace ({@code *}: in all), with one list of at most one item.
     * Any answer but 404 counts as installed, so a transient failure leaves it to the informer's retries.
     */
    public boolean installed(String namespace) {
        try {
            list(namespace, new ListOptionsBuilder().withLimit(1L).build());
            return true;
        } catch (KubernetesClientException e) {
            return e.getCode() != 404;
        }
    }

    private GenericKubernetesResourceList list(String namespace, ListOptions options) {
        var resources = client.genericKubernetesResources(ImageUpdaterResource.CONTEXT);
        return ApplicationFilter.ALL_NAMESPACES.equals(namespace)
                ? resources.inAnyNamespace().list(options)
                : resources.inNamespace(namespace).list(options);
    }

    /**
     * The resources in a namespace, in pages of {@value #PAGE_SIZE}; one that cannot be read is logged and left out, so it never hides the others.
     *
     * @throws ImageUpdaterException naming the namespace when the list call fails
     */
    public List<ImageUpdaterResource> list(String namespace) {
        List<GenericKubernetesResource> items = new ArrayList<>();
        try {
            String next = null;
            do {
                ListOptions options = new ListOptionsBuilder()
                        .withLimit(PAGE_SIZE)
                        .withContinue(next)
                        .build();
                var page = list(namespace, options);
                items.addAll(page.getItems());
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
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
