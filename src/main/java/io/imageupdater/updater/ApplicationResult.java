package io.imageupdater.updater;

import java.util.List;

/**
 * The outcome of one cycle for one Application.
 *
 * @param application {@code namespace/name}
 * @param images      one outcome per image (after write-back: UPDATE means written, or would be in a dry run)
 * @param errors      problems of the Application as a whole (bad annotation, failed write-back)
 */
public record ApplicationResult(String application, List<ImageOutcome> images, List<ApplicationError> errors) {
    public ApplicationResult {
        images = List.copyOf(images);
        errors = List.copyOf(errors);
    }

    public static ApplicationResult failed(String application, ApplicationError error) {
        return new ApplicationResult(application, List.of(), List.of(error));
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || images.stream().anyMatch(ImageOutcome::isError);
    }

    long count(ImageOutcome.Kind kind) {
        return images.stream().filter(image -> image.kind() == kind).count();
    }

    int errorCount() {
        return errors.size() + (int) count(ImageOutcome.Kind.ERROR);
    }
}
