package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageRef;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which images a cycle looks at: all of them (polling), or only those whose registry and repository match one of
 * the given repositories (a webhook event). An image written without a registry is a Docker Hub image and matches a
 * Docker Hub repository only.
 *
 * @param repositories the repositories (registry and name; tag and digest ignored), or {@code null} for all images
 */
public record CycleTarget(Set<ImageRef> repositories) {
    private static final CycleTarget ALL = new CycleTarget(null);

    public CycleTarget {
        repositories = repositories == null
                ? null
                : Set.copyOf(repositories.stream().map(ImageRef::withoutVersion).toList());
    }

    /** Every image: the polling cycle. */
    public static CycleTarget all() {
        return ALL;
    }

    /** Only images of these repositories. */
    public static CycleTarget of(Collection<ImageRef> repositories) {
        return new CycleTarget(Set.copyOf(repositories));
    }

    public boolean isAll() {
        return repositories == null;
    }

    /** Whether the image belongs to one of the target's repositories. */
    public boolean includes(ImageRef image) {
        return repositories == null || repositories.stream().anyMatch(image::sameRepository);
    }

    /**
     * The Application's settings with only the targeted images; {@code null} when none is targeted (the Application
     * is then left out of the cycle, with no registry request for it).
     */
    ApplicationSpec narrow(ApplicationSpec spec) {
        if (repositories == null) {
            return spec;
        }
        List<ImageSpec> images = spec.images().stream()
                .filter(image -> includes(image.entry().image()))
                .toList();
        return images.isEmpty() ? null : new ApplicationSpec(images, spec.writeBack(), List.of(), List.of());
    }
}
