package io.imageupdater.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manifest and config content by digest, for the whole process. Digests name immutable content, so entries never
 * expire; the least recently used entry is dropped once {@code maxEntries} are held. Also remembers which digest a
 * tag was seen at, for strategies that treat tags as immutable (newest-build, as upstream does). Thread-safe.
 */
public final class MetadataCache {

    /** The default bound: a few MB of small records. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final int maxEntries;
    private final Map<String, ManifestContent> entries;
    private final Map<String, String> tagDigests;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public MetadataCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException(
                    "the metadata cache needs room for at least one entry, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ManifestContent> eldest) {
                return size() > MetadataCache.this.maxEntries;
            }
        };
        this.tagDigests = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MetadataCache.this.maxEntries;
            }
        };
    }

    /** The digest {@code host/repository:tag} was seen at, if it was. */
    public Optional<String> tagDigest(String tagKey) {
        synchronized (tagDigests) {
            return Optional.ofNullable(tagDigests.get(tagKey));
        }
    }

    public void rememberTag(String tagKey, String digest) {
        synchronized (tagDigests) {
            tagDigests.put(tagKey, digest);
        }
    }

    public Optional<ManifestContent> get(String digest) {
        ManifestContent content;
        synchronized (entries) {
            content = entries.get(digest);
        }
        (content == null ? misses : hits).incrementAndGet();
        return Optional.ofNullable(content);
    }

    public void put(String digest, ManifestContent content) {
        synchronized (entries) {
            entries.put(digest, content);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }
}
