package io.imageupdater.registry;

import io.imageupdater.image.Platform;
import io.imageupdater.image.Tag;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Image metadata of one endpoint's tags: the manifest a tag points to (one GET by tag, its digest from
 * {@code Docker-Content-Digest}; no request when the caller treats tags as immutable and the tag was seen before) and
 * what that digest stands for (from the process-wide {@link MetadataCache}, fetched only for unseen digests, once per
 * digest however many look it up at once).
 */
public final class TagMetadata {

    private final ManifestFetcher fetcher;
    private final MetadataCache cache;
    private final String registryHost;

    TagMetadata(ManifestFetcher fetcher, MetadataCache cache, String registryHost) {
        this.fetcher = fetcher;
        this.cache = cache;
        this.registryHost = registryHost;
    }

    /**
     * A tag's digest and content, independent of platforms.
     *
     * @throws ManifestNotFoundException when the tag no longer exists
     * @throws RegistryException         when the registry fails or sends content that does not match its digest
     */
    public Resolved resolve(String repository, String tag) {
        return resolve(repository, tag, false);
    }

    /**
     * As {@link #resolve(String, String)}; with {@code knownDigestWillDo}, a tag seen before keeps the digest it was
     * seen at and costs no request (newest-build, like upstream, takes tags as immutable; digest tracking never does).
     */
    public Resolved resolve(String repository, String tag, boolean knownDigestWillDo) {
        String tagKey = registryHost + "/" + repository + ":" + tag;
        Optional<String> known = knownDigestWillDo ? cache.tagDigest(tagKey) : Optional.empty();
        if (known.isPresent()) {
            return new Resolved(tag, known.get(), content(repository, known.get()));
        }
        ManifestFetcher.Manifest manifest = fetcher.manifestByTag(repository, tag);
        cache.rememberTag(tagKey, manifest.digest());
        return new Resolved(tag, manifest.digest(), cache.load(manifest.digest(), () -> read(repository, manifest)));
    }

    /**
     * The tag as the wanted platforms see it: its digest and the newest build time among the images that suit them.
     * Empty when no image of the tag suits any wanted platform.
     */
    public Optional<Tag> forPlatforms(String repository, Resolved resolved, Set<Platform> wanted) {
        if (resolved.content() instanceof ManifestContent.Image image) {
            return image.suits(wanted)
                    ? Optional.of(new Tag(resolved.name(), resolved.digest(), image.created()))
                    : skipped(resolved, wanted);
        }
        ManifestContent.Index index = (ManifestContent.Index) resolved.content();
        List<ManifestContent.Child> suitable = index.children().stream()
                .filter(child -> child.platform() != null
                        && wanted.stream()
                                .anyMatch(p -> p.matches(
                                        child.platform().os(),
                                        child.platform().architecture(),
                                        child.platform().variant())))
                .toList();
        if (suitable.isEmpty()) {
            return skipped(resolved, wanted);
        }
        Instant newest = suitable.stream()
                .map(child -> content(repository, child.digest()))
                .filter(ManifestContent.Image.class::isInstance)
                .map(content -> ((ManifestContent.Image) content).created())
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        return Optional.of(new Tag(resolved.name(), resolved.digest(), newest));
    }

    private static Optional<Tag> skipped(Resolved resolved, Set<Platform> wanted) {
        Log.debugf("Tag %s (%s) has no image for %s; skipping it", resolved.name(), resolved.digest(), wanted);
        return Optional.empty();
    }

    /**
     * What a digest stands for: from the cache, or read (manifest, then config blob of a single image) and cached.
     * Concurrent look-ups of one digest, from any tag or repository, make one request ({@link MetadataCache#load}).
     */
    private ManifestContent content(String repository, String digest) {
        return cache.load(digest, () -> read(repository, fetcher.manifest(repository, digest)));
    }

    private ManifestContent read(String repository, ManifestFetcher.Manifest manifest) {
        ManifestFetcher.Parsed parsed = fetcher.parse(manifest, repository);
        if (parsed.index() != null) {
            return parsed.index();
        }
        return cache.load(parsed.configDigest(), () -> fetcher.config(repository, parsed.configDigest()));
    }

    /**
     * A tag resolved to its digest and content.
     *
     * @param name    the tag
     * @param digest  what {@code Docker-Content-Digest} names for the tag (manifest or index)
     * @param content the manifest's content
     */
    public record Resolved(String name, String digest, ManifestContent content) {
        public Resolved {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(content, "content");
        }
    }
}
