package io.imageupdater.registry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code image-updater.registry.max-concurrent} requests in flight per registry host (host and port), over
 * all endpoints, catalogs and cycles: tag lists, tokens, manifests and blobs alike. A permit is held for one
 * exchange (redirects and reading the body included) and never while waiting for another permit. Each host has its
 * own permits and its own {@code limit} pacing, so a registry that answers slowly holds only its own slots.
 */
final class HostPermits {

    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private final Map<String, RequestPacer> pacers = new ConcurrentHashMap<>();

    HostPermits(int perHost) {
        if (perHost < 1) {
            throw new RegistryConfigException(
                    "image-updater.registry.max-concurrent must be at least 1, not " + perHost);
        }
        this.perHost = perHost;
    }

    int perHost() {
        return perHost;
    }

    /** Waits for a permit of the host; the caller releases it with {@link Semaphore#release()}. */
    Semaphore acquire(String host) {
        Semaphore permits = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Semaphore(perHost, true));
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to send a request to registry " + host, e);
        }
        return permits;
    }

    /** The pacer of a host's requests at {@code limit} per second, shared by every endpoint of that host and limit. */
    RequestPacer pacer(String host, Double limit) {
        return pacers.computeIfAbsent(host.toLowerCase(Locale.ROOT) + "|" + limit, key -> new RequestPacer(limit));
    }
}
