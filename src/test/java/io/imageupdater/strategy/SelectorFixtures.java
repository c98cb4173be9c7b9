package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.Arrays;
import java.util.List;

/** Tag lists written as space-separated names, for table rows. */
final class SelectorFixtures {
    private SelectorFixtures() {}

    static List<Tag> tags(String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        return Arrays.stream(names.trim().split("\\s+")).map(Tag::of).toList();
    }

    static String names(List<Tag> tags) {
        return String.join(" ", tags.stream().map(Tag::name).toList());
    }
}
