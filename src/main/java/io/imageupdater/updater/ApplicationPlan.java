package io.imageupdater.updater;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.image.Tag;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One Application with its images, each either already decided (gated out) or waiting for its tags.
 *
 * @param application the Application as listed
 * @param writeBack   how its changes are written ({@code null} when planning failed)
 * @param images      its images in image-list order
 * @param errors      problems found while reading its settings, or planning it
 */
record ApplicationPlan(
        ArgoApplication application,
        WriteBackConfig writeBack,
        List<PlannedImage> images,
        List<ApplicationError> errors) {

    ApplicationPlan {
        images = List.copyOf(images);
        errors = List.copyOf(errors);
    }

    /** A plan with no images: planning the Application failed, for the reason given. */
    static ApplicationPlan failed(ArgoApplication application, ApplicationError error) {
        return new ApplicationPlan(application, null, List.of(), List.of(error));
    }

    String ref() {
        return application.namespace() + "/" + application.name();
    }

    /** An image of the plan: {@code decided} is set when no registry look-up is needed, else {@code tags} is. */
    record PlannedImage(ImageSpec spec, ImageOutcome decided, CompletableFuture<List<Tag>> tags) {}
}
