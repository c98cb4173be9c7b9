package io.imageupdater.registry;

import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * The tags seen during one update cycle. Each (endpoint, repository) is fetched once, however many images ask;
 * concurrent callers share one future. A failure fails that repository's future only.
 */
public class TagCatalog {

    private final Registries registries;
    private final Executor executor;
    private final Semaphore permits;
    private final Map<Key, CompletableFuture<List<Tag>>> fetches = new ConcurrentHashMap<>();
    private final MetadataLookup metadata;

    TagCatalog(Registries registries, Executor executor, int maxConcurrent, int metadataConcurrency) {
        this.registries = registries;
        this.executor = executor;
        this.permits = new Semaphore(maxConcurrent);
        this.metadata = new MetadataLookup(registries, executor, metadataConcurrency);
    }

    /** The tags of the image's repository, in the registry's order; never throws, fails the future instead. */
    public CompletableFuture<List<Tag>> tags(ImageRef image) {
        try {
            return tags(registries.endpointFor(image), image);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** As {@link #tags(ImageRef)}, through a given endpoint (one with overridden credentials, say). */
    public CompletableFuture<List<Tag>> tags(RegistryEndpoint endpoint, ImageRef image) {
        String repository;
        try {
            repository = registries.endpoints().repositoryPath(endpoint, image);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return fetches.computeIfAbsent(new Key(endpoint, repository), this::fetch);
    }

    /**
     * The tags the query asks for, each with its digest and build time for the wanted platforms; tags with no image
     * for those platforms are left out. Shares the tag listing with {@link #tags(ImageRef)}; never throws.
     */
    public CompletableFuture<List<Tag>> tagsWithMetadata(ImageRef image, TagQuery query) {
        try {
            return tagsWithMetadata(registries.endpointFor(image), image, query);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** As {@link #tagsWithMetadata(ImageRef, TagQuery)}, through a given endpoint. */
    public CompletableFuture<List<Tag>> tagsWithMetadata(RegistryEndpoint endpoint, ImageRef image, TagQuery query) {
        try {
            String repository = registries.endpoints().repositoryPath(endpoint, image);
            return metadata.lookup(endpoint, repository, tags(endpoint, image), query);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<List<Tag>> fetch(Key key) {
        try {
            return CompletableFuture.supplyAsync(() -> list(key), executor);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<Tag> list(Key key) {
        permits.acquireUninterruptibly();
        try {
            return registries.client(key.endpoint()).listTags(key.repository()).stream().map(Tag::of).toList();
        } catch (RuntimeException e) {
            Log.debugf("Listing tags of %s on %s failed: %s", key.repository(), key.endpoint().registryHost(),
                    e.getMessage());
            throw e;
        } finally {
            permits.release();
        }
    }

    private record Key(RegistryEndpoint endpoint, String repository) {
    }
}
