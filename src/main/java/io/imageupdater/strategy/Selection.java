package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.Objects;
import java.util.Optional;

/**
 * What a selector chose.
 *
 * @param chosen     the tag to update to; empty when nothing was eligible
 * @param candidates how many tags were eligible
 */
public record Selection(Optional<Tag> chosen, int candidates) {
    public Selection {
        Objects.requireNonNull(chosen, "chosen");
        if (candidates < 0) {
            throw new IllegalArgumentException("candidates must not be negative, was " + candidates);
        }
        if (chosen.isPresent() && candidates == 0) {
            throw new IllegalArgumentException("a tag was chosen from no candidates: " + chosen.get());
        }
    }
}
