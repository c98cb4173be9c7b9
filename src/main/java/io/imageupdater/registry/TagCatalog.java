package io.imageupdater.registry;

import io.imageupdater.credentials.CredentialCache;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The tags seen during one update cycle. Each (endpoint, repository) is fetched once, however many images ask;
 * concurrent callers share one future. A failure fails that repository's future only. Images with their own pull
 * credentials get their own listing: different credentials never share one.
 */
public class TagCatalog {

    private final Registries registries;
    private final Executor executor;
    private final CredentialCache credentials;
    private final Map<Key, CompletableFuture<List<Tag>>> fetches = new ConcurrentHashMap<>();
    private final MetadataLookup metadata;

    TagCatalog(Registries registries, Executor executor, CredentialCache credentials, int metadataConcurrency) {
        this.registries = registries;
        this.executor = executor;
        this.credentials = credentials;
        this.metadata = new MetadataLookup(executor, metadataConcurrency);
    }

    /** The tags of the image's repository, in the registry's order; never throws, fails the future instead. */
    public CompletableFuture<List<Tag>> tags(ImageRef image) {
        return tags(image, null);
    }

    /**
     * The tags of the image's repository as seen with an Application's own credentials.
     *
     * @param pull the credentials, or {@code null} for the registry's own
     */
    public CompletableFuture<List<Tag>> tags(ImageRef image, PullCredentials pull) {
        try {
            return tags(registries.endpointFor(image), image, pull);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** As {@link #tags(ImageRef, PullCredentials)}, through a given endpoint (one with overridden settings, say). */
    public CompletableFuture<List<Tag>> tags(RegistryEndpoint endpoint, ImageRef image, PullCredentials pull) {
        String repository;
        try {
            repository = registries.endpoints().repositoryPath(endpoint, image);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return fetches.computeIfAbsent(
                new Key(
                        endpoint,
                        repository,
                        pull == null ? null : pull.ref().toString(),
                        pull == null ? null : pull.namespace()),
                k -> fetch(k, pull));
    }

    /**
     * The tags the query asks for, each with its digest and build time for the wanted platforms; tags with no image
     * for those platforms are left out. Shares the tag listing with {@link #tags}; never throws.
     *
     * @param pull an Application's credentials, or {@code null} for the registry's own
     */
    public CompletableFuture<List<Tag>> tagsWithMetadata(ImageRef image, TagQuery query, PullCredentials pull) {
        try {
            return tagsWithMetadata(registries.endpointFor(image), image, query, pull);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** As {@link #tagsWithMetadata(ImageRef, TagQuery, PullCredentials)}, through a given endpoint. */
    public CompletableFuture<List<Tag>> tagsWithMetadata(
            RegistryEndpoint endpoint, ImageRef image, TagQuery query, PullCredentials pull) {
        try {
            String repository = registries.endpoints().repositoryPath(endpoint, image);
            TagMetadata reader = pull == null
                    ? registries.metadata(endpoint)
                    : registries.metadata(endpoint, Registries.pullCredentials(credentials, endpoint, pull));
            String identity = pull == null ? null : pull.namespace() + "/" + pull.ref();
            return metadata.lookup(endpoint, repository, identity, tags(endpoint, image, pull), query, reader);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<List<Tag>> fetch(Key key, PullCredentials pull) {
        try {
            registries.client(key.endpoint()).expect(key.repository());
            return CompletableFuture.supplyAsync(() -> list(key, pull), executor);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Requests in flight per registry host are bounded by the registry's clients ({@link HostPermits}). */
    private List<Tag> list(Key key, PullCredentials pull) {
        try {
            RegistryClient client = registries.client(key.endpoint());
            List<String> names = pull == null
                    ? client.listTags(key.repository())
                    : client.listTags(key.repository(), Registries.pullCredentials(credentials, key.endpoint(), pull));
            return names.stream().map(Tag::of).toList();
        } catch (RuntimeException e) {
            Log.debugf(
                    "Listing tags of %s on %s failed: %s",
                    key.repository(), key.endpoint().registryHost(), e.getMessage());
            throw e;
        }
    }

    /** @param credentials the pull credential reference, or {@code null} for the registry's own */
    private record Key(RegistryEndpoint endpoint, String repository, String credentials, String namespace) {}
}
