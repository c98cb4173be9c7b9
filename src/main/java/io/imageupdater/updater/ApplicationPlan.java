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
 * @param writeBack   how its changes are written
 * @param images      its images in image-list order
 * @param errors      problems found while reading its annotations
 */
record ApplicationPlan(
        ArgoApplication application, WriteBackConfig writeBack, List<PlannedImage> images, List<String> errors) {

    ApplicationPlan {
        images = List.copyOf(images);
        errors = List.copyOf(errors);
    }

    String ref() {
        return application.namespace() + "/" + application.name();
    }

    /** An image of the plan: {@code decided} is set when no registry look-up is needed, else {@code tags} is. */
    record PlannedImage(ImageSpec spec, ImageOutcome decided, CompletableFuture<List<Tag>> tags) {}
}
