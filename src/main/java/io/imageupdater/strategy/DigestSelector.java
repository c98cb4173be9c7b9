package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.List;
import java.util.Optional;

/**
 * The {@code digest} strategy: follows one mutable tag ({@code latest}, {@code main}) and updates when the
 * digest it points to changes. Only that tag, with a known digest, is eligible.
 *
 * @param trackedTag the tag to follow
 */
public record DigestSelector(String trackedTag) implements TagSelector {

    public DigestSelector {
        if (trackedTag == null || trackedTag.isBlank()) {
            throw new InvalidConstraintException(
                    String.valueOf(trackedTag),
                    "the digest strategy needs a tag to track, written as the constraint (e.g. image:latest)");
        }
        trackedTag = trackedTag.strip();
    }

    @Override
    public List<Tag> eligible(List<Tag> tags) {
        return tags.stream().filter(this::isTracked).toList();
    }

    @Override
    public Optional<Tag> choose(List<Tag> eligible) {
        return eligible.stream().filter(this::isTracked).findFirst();
    }

    private boolean isTracked(Tag tag) {
        return tag.name().equals(trackedTag) && tag.digest() != null;
    }
}
