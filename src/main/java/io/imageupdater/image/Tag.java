package io.imageupdater.image;

import java.time.Instant;
import java.util.Objects;

/**
 * A tag of a repository, with what is known about the image it points to.
 *
 * @param name    the tag name
 * @param digest  the manifest digest, or {@code null} when not fetched
 * @param created when the image was built, or {@code null} when not fetched
 */
public record Tag(String name, String digest, Instant created) {
    public Tag {
        Objects.requireNonNull(name, "name");
    }

    public static Tag of(String name) {
        return new Tag(name, null, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
