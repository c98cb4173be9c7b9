package io.imageupdater.registry;

import io.imageupdater.image.Tag;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The metadata half of a {@link TagCatalog}: within one cycle each (repository, tag) is resolved to its digest once,
 * however many images ask and whatever platforms they want; requests for one repository are bounded by a
 * semaphore; content comes from the process-wide cache where the digest was seen before.
 */
final class MetadataLookup {

    private final Executor executor;
    private final int concurrency;
    private final Map<TagKey, CompletableFuture<TagMetadata.Resolved>> resolutions = new ConcurrentHashMap<>();
    private final Map<RepositoryKey, Semaphore> permits = new ConcurrentHashMap<>();

    MetadataLookup(Executor executor, int concurrency) {
        this.executor = executor;
        this.concurrency = concurrency;
    }

    /** The tags of {@code listing} that the query asks for, with digests and build times, in the listing's order. */
    CompletableFuture<List<Tag>> lookup(
            RegistryEndpoint endpoint,
            String repository,
            String credentials,
            CompletableFuture<List<Tag>> listing,
            TagQuery query,
            TagMetadata metadata) {
        return listing.thenComposeAsync(
                tags -> lookup(endpoint, repository, credentials, tags, query, metadata), executor);
    }

    private CompletableFuture<List<Tag>> lookup(
            RegistryEndpoint endpoint,
            String repository,
            String credentials,
            List<Tag> tags,
            TagQuery query,
            TagMetadata metadata) {
        List<String> names =
                tags.stream().map(Tag::name).filter(query.tagNames()).distinct().toList();
        if (!query.needsDigests() && endpoint.tagSortMode() != TagSortMode.NONE) {
            Log.debugf(
                    "Registry %s lists tags %s; taking that order as build order for %s",
                    endpoint.registryHost(), endpoint.tagSortMode(), repository);
            return CompletableFuture.completedFuture(inListOrder(tags, names, endpoint.tagSortMode()));
        }
        Semaphore bound =
                permits.computeIfAbsent(new RepositoryKey(endpoint, repository), k -> new Semaphore(concurrency));
        List<CompletableFuture<Optional<Tag>>> each = names.stream()
                .map(name -> resolution(
                                new TagKey(endpoint, repository, credentials, name, !query.needsDigests()),
                                metadata,
                                bound)
                        .thenApplyAsync(
                                resolved -> resolved == null
                                        ? Optional.<Tag>empty()
                                        : bounded(
                                                bound,
                                                () -> metadata.forPlatforms(repository, resolved, query.platforms())),
                                executor))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done ->
                        each.stream().flatMap(future -> future.join().stream()).toList());
    }

    /** Build times from the registry's list order (newest first or last); no request is made. */
    static List<Tag> inListOrder(List<Tag> listed, List<String> wanted, TagSortMode mode) {
        List<String> order = listed.stream().map(Tag::name).toList();
        int n = order.size();
        return wanted.stream()
                .map(name -> {
                    int position = order.indexOf(name);
                    long age = mode == TagSortMode.LATEST_FIRST ? n - position : position + 1;
                    return new Tag(name, null, Instant.EPOCH.plusSeconds(age));
                })
                .toList();
    }

    private CompletableFuture<TagMetadata.Resolved> resolution(TagKey key, TagMetadata metadata, Semaphore bound) {
        return resolutions.computeIfAbsent(
                key, k -> CompletableFuture.supplyAsync(() -> bounded(bound, () -> resolve(metadata, k)), executor));
    }

    private static TagMetadata.Resolved resolve(TagMetadata metadata, TagKey key) {
        String repository = key.repository();
        String tag = key.tag();
        try {
            return metadata.resolve(repository, tag, key.knownDigestWillDo());
        } catch (ManifestNotFoundException e) {
            Log.debugf("Tag %s of %s vanished since it was listed; skipping it", tag, repository);
            return null;
        }
    }

    private static <T> T bounded(Semaphore bound, Supplier<T> work) {
        bound.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            bound.release();
        }
    }

    private record RepositoryKey(RegistryEndpoint endpoint, String repository) {}

    /**
     * @param credentials       who asks: {@code null} for the registry's own credentials; never shared across them
     * @param knownDigestWillDo whether a digest seen in an earlier cycle may stand in for a HEAD request
     */
    private record TagKey(
            RegistryEndpoint endpoint, String repository, String credentials, String tag, boolean knownDigestWillDo) {}
}
