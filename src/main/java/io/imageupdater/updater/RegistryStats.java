package io.imageupdater.updater;

import java.time.Instant;
import java.util.Objects;

/**
 * What the updater saw of one registry since it started, for the status page.
 *
 * @param registry       the registry host ({@code ghcr.io}, {@code 127.0.0.1:5000})
 * @param requests       requests sent
 * @param failures       requests that failed (unreachable, throttled, unreadable)
 * @param rateLimitWaits times a request waited for the registry's {@code limit} or was throttled (HTTP 429)
 * @param lastError      the last failure's message (never a credential or a query string), or {@code null}
 * @param lastErrorAt    when it happened, or {@code null}
 */
public record RegistryStats(
        String registry, long requests, long failures, long rateLimitWaits, String lastError, Instant lastErrorAt) {
    public RegistryStats {
        Objects.requireNonNull(registry, "registry");
    }
}
