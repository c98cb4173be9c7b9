package io.imageupdater.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How hard the updater may press on registries, from {@code image-updater.registry.*} (or
 * {@code IMAGE_UPDATER_REGISTRY_MAX_CONCURRENT}). Per-registry request rates stay in {@code registries.conf}
 * ({@code limit}).
 */
@ConfigMapping(prefix = "image-updater.registry")
public interface RegistryConfig {

    /**
     * Most tag listings in flight at once in one cycle, over all registries. A cycle spends most of its time waiting
     * on registry round trips, so this bounds its duration: about repositories × round trip ÷ max-concurrent.
     */
    @WithDefault("8")
    int maxConcurrent();
}
