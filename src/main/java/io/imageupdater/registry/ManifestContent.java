package io.imageupdater.registry;

import io.imageupdater.image.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a manifest digest stands for. Content addressed, hence immutable: cached by digest for the life of the
 * process ({@link MetadataCache}).
 */
public sealed interface ManifestContent {

    /**
     * A single-platform image, as its config blob describes it.
     *
     * @param created  when it was built, or {@code null} when the config does not say
     * @param platform its platform, or {@code null} when the config names no operating system and architecture
     * @param labels   {@code config.Labels}
     */
    record Image(Instant created, Platform platform, Map<String, String> labels) implements ManifestContent {
        public Image {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        /** Whether this image suits one of {@code wanted}; an image that names no platform suits any. */
        public boolean suits(java.util.Set<Platform> wanted) {
            return platform == null
                    || wanted.stream()
                            .anyMatch(p -> p.matches(platform.os(), platform.architecture(), platform.variant()));
        }
    }

    /**
     * An OCI image index or Docker manifest list: one child manifest per platform.
     *
     * @param children the child manifests with the platform each declares
     */
    record Index(List<Child> children) implements ManifestContent {
        public Index {
            children = List.copyOf(children);
        }
    }

    /**
     * One entry of an index.
     *
     * @param digest   the child manifest's digest
     * @param platform the declared platform, or {@code null} when none is declared
     */
    record Child(String digest, Platform platform) {
        public Child {
            Objects.requireNonNull(digest, "digest");
        }
    }
}
