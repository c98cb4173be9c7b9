package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.List;
import java.util.Optional;

/** Chooses the tag to update to, as a pure function of the (already filtered) tags; no I/O. */
public interface TagSelector {

    /** The tags that pass this strategy's own constraint, in their original order. */
    List<Tag> eligible(List<Tag> tags);

    /** The best of the eligible tags; empty when there are none. */
    Optional<Tag> choose(List<Tag> eligible);

    /** Narrows {@code tags} to the eligible ones and chooses among them. */
    default Selection select(List<Tag> tags) {
        List<Tag> eligible = eligible(tags);
        return new Selection(choose(eligible), eligible.size());
    }
}
