package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.List;
import java.util.Optional;

/** The {@code alphabetical} strategy: the greatest tag name in UTF-8 byte order wins; every tag is eligible. */
public record AlphabeticalSelector() implements TagSelector {

    /** The constraint is accepted for symmetry with the other strategies and ignored, as upstream does. */
    public AlphabeticalSelector(String ignoredConstraint) {
        this();
    }

    @Override
    public List<Tag> eligible(List<Tag> tags) {
        return List.copyOf(tags);
    }

    @Override
    public Optional<Tag> choose(List<Tag> eligible) {
        return eligible.stream().max(TagNameOrder.TAGS);
    }
}
