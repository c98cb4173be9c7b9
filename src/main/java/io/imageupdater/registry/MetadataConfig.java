package io.imageupdater.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How image metadata is read: {@code image-updater.registry.metadata-concurrency} and the cache bound. */
@ConfigMapping(prefix = "image-updater.registry")
public interface MetadataConfig {

    /** Most manifest or config requests in flight at once for one repository. */
    @WithDefault("20")
    int metadataConcurrency();

    /** Most manifest digests whose content is cached (least recently used dropped first). */
    @WithDefault("10000")
    int metadataCacheSize();

    /** Plain values, for code built without the config system. */
    record Values(int metadataConcurrency, int metadataCacheSize) implements MetadataConfig {
        public static final Values DEFAULTS = new Values(20, MetadataCache.DEFAULT_MAX_ENTRIES);

        public Values {
            if (metadataConcurrency < 1) {
                throw new IllegalArgumentException(
                        "image-updater.registry.metadata-concurrency must be positive, got " + metadataConcurrency);
            }
        }
    }
}
