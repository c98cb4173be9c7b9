package io.imageupdater.updater;

import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ResourceProblem;
import java.util.List;

/**
 * What one cycle did for one ImageUpdater resource.
 *
 * @param resource      the resource as listed
 * @param applications  one result per Application it handles
 * @param imagesManaged how many (Application, image) pairs it handles
 * @param problems      what is wrong with the resource itself (invalid spec, unknown strategy, conflicts)
 */
public record ResourceResult(
        ImageUpdaterResource resource,
        List<ApplicationResult> applications,
        int imagesManaged,
        List<ResourceProblem> problems) {

    public ResourceResult {
        applications = List.copyOf(applications);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return !problems.isEmpty() || applications.stream().anyMatch(ApplicationResult::hasErrors);
    }

    /** {@code namespace/name}. */
    public String ref() {
        return resource.ref();
    }
}
