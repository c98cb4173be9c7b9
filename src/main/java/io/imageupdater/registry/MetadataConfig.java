package io.imageupdater.registry;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigInteger;

/** How image metadata is read: {@code image-updater.registry.metadata-concurrency} and the cache bound. */
@ConfigMapping(prefix = "image-updater.registry")
public interface MetadataConfig {

    /** Most manifest or config requests in flight at once for one repository. */
    @WithDefault("20")
    int metadataConcurrency();

    /** Most manifest digests whose content is cached (least recently used dropped first). */
    @WithDefault("10000")
    int metadataCacheSize();

    /**
     * Most bytes of manifest and config content cached (estimated; least recently used dropped first), like
     * {@code 32M}: labels make some images' metadata far larger than others'.
     */
    @WithDefault("32M")
    MemorySize metadataCacheBytes();

    /** Plain values, for code built without the config system. */
    record Values(int metadataConcurrency, int metadataCacheSize, MemorySize metadataCacheBytes)
            implements MetadataConfig {
        public static final Values DEFAULTS = new Values(
                20,
                MetadataCache.DEFAULT_MAX_ENTRIES,
                new MemorySize(BigInteger.valueOf(MetadataCache.DEFAULT_MAX_BYTES)));

        public Values {
            if (metadataConcurrency < 1) {
                throw new IllegalArgumentException(
                        "image-updater.registry.metadata-concurrency must be positive, got " + metadataConcurrency);
            }
        }
    }
}
