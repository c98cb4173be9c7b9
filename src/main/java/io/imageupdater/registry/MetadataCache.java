package io.imageupdater.registry;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Manifest and config content by digest, for the whole process. Digests name immutable content, so entries never
 * expire; the least recently used entries are dropped once more than {@code maxEntries} are held or their estimated
 * size passes {@code maxBytes}. Concurrent {@linkplain #load loads} of one digest share one fetch, across tags,
 * repositories and cycles. Also remembers which digest a tag was seen at, for strategies that treat tags as
 * immutable (newest-build, as upstream does). Thread-safe.
 */
public final class MetadataCache {

    /** The default bound: a few MB of small records. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** The default size bound: 32 MiB of estimated content. */
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, String> tagDigests;
    private final Map<String, CompletableFuture<ManifestContent>> loading = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private long bytes;

    public MetadataCache(int maxEntries) {
        this(maxEntries, DEFAULT_MAX_BYTES);
    }

    public MetadataCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException(
                    "the metadata cache needs room for at least one entry, got " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the metadata cache needs at least one byte, got " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
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
            Entry entry = entries.get(digest);
            content = entry == null ? null : entry.content();
        }
        (content == null ? misses : hits).incrementAndGet();
        return Optional.ofNullable(content);
    }

    public void put(String digest, ManifestContent content) {
        long size = estimate(digest, content);
        synchronized (entries) {
            Entry previous = entries.put(digest, new Entry(content, size));
            bytes += size - (previous == null ? 0 : previous.bytes());
            Iterator<Entry> eldest = entries.values().iterator();
            while ((entries.size() > maxEntries || bytes > maxBytes) && entries.size() > 1 && eldest.hasNext()) {
                bytes -= eldest.next().bytes();
                eldest.remove();
            }
        }
    }

    /**
     * The content of a digest: cached, or loaded by {@code loader} and cached. While one caller loads a digest, the
     * others wait for its result instead of fetching it again; when that load fails, each waiting caller loads it
     * itself (its credentials may succeed where another's failed).
     */
    public ManifestContent load(String digest, Supplier<ManifestContent> loader) {
        while (true) {
            Optional<ManifestContent> cached = get(digest);
            if (cached.isPresent()) {
                return cached.get();
            }
            CompletableFuture<ManifestContent> mine = new CompletableFuture<>();
            CompletableFuture<ManifestContent> running = loading.putIfAbsent(digest, mine);
            if (running == null) {
                return loadAs(digest, loader, mine);
            }
            try {
                return running.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // the other caller's load failed: try again, possibly as the loader
            }
        }
    }

    private ManifestContent loadAs(
            String digest, Supplier<ManifestContent> loader, CompletableFuture<ManifestContent> mine) {
        try {
            ManifestContent content;
            synchronized (entries) {
                Entry entry = entries.get(digest);
                content = entry == null ? null : entry.content();
            }
            if (content == null) {
                content = loader.get();
                put(digest, content);
            }
            mine.complete(content);
            return content;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(digest, mine);
        }
    }

    /** A rough size on the heap: the record, its digest key, and its strings. */
    static long estimate(String digest, ManifestContent content) {
        long size = 96 + 2L * digest.length();
        if (content instanceof ManifestContent.Image image) {
            size += 64;
            for (Map.Entry<String, String> label : image.labels().entrySet()) {
                size += 64 + 2L * (label.getKey().length() + label.getValue().length());
            }
        } else if (content instanceof ManifestContent.Index index) {
            size += 32 + index.children().size() * (96 + 2L * 71);
        }
        return size;
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The estimated size of what is held. */
    public long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    private record Entry(ManifestContent content, long bytes) {}
}
