package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code newest-build} strategy: the most recently built image wins; among equal build times the
 * greatest tag name. Tags whose build time is unknown are not eligible.
 */
public record NewestBuildSelector() implements TagSelector {

    private static final Comparator<Tag> NEWEST =
            Comparator.comparing(Tag::created).thenComparing(TagNameOrder.TAGS);

    @Override
    public List<Tag> eligible(List<Tag> tags) {
        return tags.stream().filter(t -> t.created() != null).toList();
    }

    @Override
    public Optional<Tag> choose(List<Tag> eligible) {
        return eligible.stream().filter(t -> t.created() != null).max(NEWEST);
    }
}
