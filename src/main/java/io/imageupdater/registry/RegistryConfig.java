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
     * Most requests in flight at once per registry host (host and port): tag lists, tokens, manifests and blobs, over
     * all cycles and endpoints of that host. A cycle spends most of its time waiting on registry round trips, so this
     * bounds its duration: about requests × round trip ÷ max-concurrent.
     */
    @WithDefault("8")
    int maxConcurrent();
}
