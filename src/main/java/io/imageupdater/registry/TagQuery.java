package io.imageupdater.registry;

import io.imageupdater.image.Platform;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a strategy needs to know about an image's tags beyond their names.
 *
 * @param platforms     the platforms an image must offer; a tag with none of them is left out
 * @param tagNames      which tags to look at (filters already applied), so no metadata is read for the others
 * @param needsDigests  whether digests are needed; when not, and the registry lists tags in build order
 *                      ({@code tagsortmode}), build times are taken from that order and nothing else is read
 */
public record TagQuery(Set<Platform> platforms, Predicate<String> tagNames, boolean needsDigests) {
    public TagQuery {
        platforms = Set.copyOf(platforms);
        Objects.requireNonNull(tagNames, "tagNames");
    }
}
