package io.imageupdater.updater;

import io.imageupdater.image.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the updater first saw each tag of the repositories that have a {@code min-age}: the age of an image without a
 * build time counts from here. Kept in memory, written to the ImageUpdater status ({@code tagsFirstSeen}) and read
 * back from it at the next start, so a restart does not reset it. Bounded; the oldest entries go first.
 */
@ApplicationScoped
public class FirstSeenTags {

    static final int MAX_ENTRIES = 50_000;

    private final Map<String, Instant> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Notes that {@code tags} of {@code repository} are listed at {@code now}; earlier sightings stay. */
    public synchronized void saw(String repository, List<Tag> tags, Instant now) {
        for (Tag tag : tags) {
            seen.putIfAbsent(key(repository, tag.name()), now);
        }
    }

    /** Takes a sighting read back from a status: kept when earlier than what is known. */
    public synchronized void remember(String repository, String tag, Instant at) {
        seen.merge(key(repository, tag), at, (a, b) -> a.isBefore(b) ? a : b);
    }

    /** When the tag was first seen, or {@code null}. */
    public synchronized Instant firstSeen(String repository, String tag) {
        return seen.get(key(repository, tag));
    }

    /** The sightings of tags of these repositories, newest last, at most {@code max}. */
    public synchronized List<String[]> entries(java.util.Set<String> repositories, int max) {
        List<String[]> found = new java.util.ArrayList<>();
        seen.forEach((key, at) -> {
            int colon = key.lastIndexOf(':');
            String repository = key.substring(0, colon);
            if (repositories.contains(repository)) {
                found.add(new String[] {repository, key.substring(colon + 1), at.toString()});
            }
        });
        return found.size() <= max ? found : found.subList(found.size() - max, found.size());
    }

    private static String key(String repository, String tag) {
        return repository + ":" + tag;
    }
}
