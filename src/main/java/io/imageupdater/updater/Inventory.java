package io.imageupdater.updater;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import java.util.List;

/**
 * What the gather step found: every Application and every ImageUpdater resource in the watched namespaces.
 *
 * @param applications the Applications, annotated or not
 * @param resources    the ImageUpdater resources
 * @param errors       namespaces that could not be listed
 */
record Inventory(List<ArgoApplication> applications, List<ImageUpdaterResource> resources, List<String> errors) {
    Inventory {
        applications = List.copyOf(applications);
        resources = List.copyOf(resources);
        errors = List.copyOf(errors);
    }
}
