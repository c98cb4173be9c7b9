package io.imageupdater.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How registry clients behave, independent of any one endpoint.
 *
 * @param pageSize        tags per page ({@code n}), or {@code null} to let the registry choose
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     response timeout of one request
 * @param maxConcurrent   most requests in flight at once per registry host
 * @param retry           how transient failures are retried
 * @param proxies         the proxy settings ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY})
 */
public record RegistryClientSettings(
        Integer pageSize,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConcurrent,
        RetryPolicy retry,
        ProxySettings proxies) {

    public RegistryClientSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        retry = retry == null ? RetryPolicy.defaults() : retry;
        proxies = proxies == null ? ProxySettings.NONE : proxies;
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        if (maxConcurrent < 1) {
            throw new RegistryConfigException(
                    "image-updater.registry.max-concurrent must be at least 1, not " + maxConcurrent);
        }
    }

    public RegistryClientSettings(Integer pageSize, Duration connectTimeout, Duration readTimeout, int maxConcurrent) {
        this(pageSize, connectTimeout, readTimeout, maxConcurrent, RetryPolicy.defaults(), ProxySettings.NONE);
    }

    /** Defaults, with proxies from the process environment. */
    public static RegistryClientSettings defaults() {
        return new RegistryClientSettings(
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                8,
                RetryPolicy.defaults(),
                ProxySettings.fromEnvironment(System.getenv()));
    }

    public RegistryClientSettings withMaxConcurrent(int n) {
        return new RegistryClientSettings(pageSize, connectTimeout, readTimeout, n, retry, proxies);
    }

    public RegistryClientSettings withPageSize(Integer n) {
        return new RegistryClientSettings(n, connectTimeout, readTimeout, maxConcurrent, retry, proxies);
    }

    public RegistryClientSettings withRetry(RetryPolicy policy) {
        return new RegistryClientSettings(pageSize, connectTimeout, readTimeout, maxConcurrent, policy, proxies);
    }

    public RegistryClientSettings withTimeouts(Duration connect, Duration read) {
        return new RegistryClientSettings(pageSize, connect, read, maxConcurrent, retry, proxies);
    }

    public RegistryClientSettings withProxies(Map<String, String> environment) {
        return new RegistryClientSettings(
                pageSize,
                connectTimeout,
                readTimeout,
                maxConcurrent,
                retry,
                ProxySettings.fromEnvironment(environment));
    }
}
