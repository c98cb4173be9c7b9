package io.imageupdater.registry;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The order in which a registry returns tags ({@code tagsortmode} in {@code registries.conf}). */
public enum TagSortMode {
    NONE("none"),
    LATEST_FIRST("latest-first"),
    LATEST_LAST("latest-last");

    private final String text;

    TagSortMode(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static TagSortMode parse(String text) {
        for (TagSortMode mode : values()) {
            if (mode.text.equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not one of "
                + Arrays.stream(values()).map(TagSortMode::toString).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return text;
    }
}
