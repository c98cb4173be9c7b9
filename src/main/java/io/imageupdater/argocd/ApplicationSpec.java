package io.imageupdater.argocd;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What an Application asks for: its images, where to write, and what was wrong or unsupported in its config.
 *
 * @param images    the images that parsed
 * @param writeBack the write-back settings
 * @param warnings  application-level things to log at WARN (each image has its own warnings too)
 * @param errors    entries that could not be parsed
 */
public record ApplicationSpec(
        List<ImageSpec> images, WriteBackConfig writeBack, List<String> warnings, List<ImageSpecError> errors) {
    public ApplicationSpec {
        images = List.copyOf(images);
        Objects.requireNonNull(writeBack, "writeBack");
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    /** Application-level warnings followed by every image's warnings. */
    public List<String> allWarnings() {
        return Stream.concat(warnings.stream(), images.stream().flatMap(i -> i.warnings().stream()))
                .toList();
    }
}
