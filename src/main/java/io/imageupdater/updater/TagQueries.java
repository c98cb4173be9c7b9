package io.imageupdater.updater;

import io.imageupdater.image.Platform;
import io.imageupdater.registry.TagQuery;
import io.imageupdater.strategy.TagFilter;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What to ask the tag catalog about an image, for strategies that need metadata. */
public final class TagQueries {

    private TagQueries() {}

    /**
     * The query for a strategy: only tags the filter allows (for {@code digest}, only the tracked tag), on the wanted
     * platforms.
     *
     * @param platforms entries as written ({@code linux/arm64}); none means the platform the updater runs on
     * @param invalid   told about each entry that is not a platform (it matches nothing)
     */
    public static TagQuery of(
            UpdateStrategy strategy,
            String constraint,
            TagFilter filter,
            List<String> platforms,
            Consumer<String> invalid) {
        Predicate<String> names = filter::allows;
        if (strategy == UpdateStrategy.DIGEST) {
            String tracked = constraint == null ? "" : constraint.strip();
            names = names.and(tracked::equals).and(name -> !tracked.isEmpty());
        }
        return new TagQuery(platforms(platforms, invalid), names, strategy == UpdateStrategy.DIGEST);
    }

    /** The wanted platforms: the parsable entries, or the current platform when there are no entries at all. */
    public static Set<Platform> platforms(List<String> entries, Consumer<String> invalid) {
        List<String> written = entries == null
                ? List.of()
                : entries.stream()
                        .map(String::strip)
                        .filter(entry -> !entry.isEmpty())
                        .toList();
        if (written.isEmpty()) {
            return Set.of(Platform.current());
        }
        Set<Platform> wanted = new LinkedHashSet<>();
        for (String entry : written) {
            Platform.parse(entry)
                    .ifPresentOrElse(
                            wanted::add,
                            () -> invalid.accept(
                                    "platform \"" + entry + "\" is not os/architecture[/variant]; it matches nothing"));
        }
        return wanted;
    }
}
