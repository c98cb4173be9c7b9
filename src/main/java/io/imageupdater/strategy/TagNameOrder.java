package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Orders tag names by their UTF-8 bytes, unsigned, as Go compares strings. */
final class TagNameOrder {
    static final Comparator<String> NAMES =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    static final Comparator<Tag> TAGS = Comparator.comparing(Tag::name, NAMES);

    private TagNameOrder() {}
}
