package io.imageupdater.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How registry clients behave, independent of any one endpoint.
 *
 * @param pageSize        tags per page ({@code n}), or {@code null} to let the registry choose
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     response timeout
 * @param maxConcurrent   most tag lists fetched at once by one catalog
 */
public record RegistryClientSettings(Integer pageSize, Duration connectTimeout, Duration readTimeout, int maxConcurrent) {

    public RegistryClientSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        if (maxConcurrent < 1) {
            throw new RegistryConfigException("image-updater.registry.max-concurrent must be at least 1, not " + maxConcurrent);
        }
    }

    public static RegistryClientSettings defaults() {
        return new RegistryClientSettings(null, Duration.ofSeconds(10), Duration.ofSeconds(60), 8);
    }

    public RegistryClientSettings withMaxConcurrent(int n) {
        return new RegistryClientSettings(pageSize, connectTimeout, readTimeout, n);
    }

    public RegistryClientSettings withPageSize(Integer n) {
        return new RegistryClientSettings(n, connectTimeout, readTimeout, maxConcurrent);
    }
}
