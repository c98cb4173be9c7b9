package io.imageupdater.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One registry the updater talks to: an entry of {@code registries.conf}, a built-in, or inferred from a host.
 *
 * @param name             display name
 * @param prefix           the image-name prefix this endpoint serves ({@code ghcr.io}, {@code docker.io})
 * @param apiUrl           base URL of the distribution API ({@code https://registry-1.docker.io})
 * @param ping             whether to ping {@code /v2/} first (kept for compatibility; listing works either way)
 * @param credentials      credential reference ({@code env:VAR}, …), or {@code null} for anonymous access
 * @param credsExpire      how long resolved credentials may be cached, or {@code null} for as long as we run
 * @param isDefault        whether images without a written registry use this endpoint
 * @param insecure         whether TLS certificates are not verified
 * @param tagSortMode      the order in which the registry returns tags
 * @param limit            requests per second allowed, or {@code null} for no limit
 * @param defaultNamespace namespace for one-component names ({@code library} on Docker Hub), or {@code null}
 * @param caCertificates   PEM certificates trusted for this registry besides the JDK's ({@code ca_file}/{@code ca_data}),
 *                         or {@code null}
 */
public record RegistryEndpoint(
        String name,
        String prefix,
        URI apiUrl,
        boolean ping,
        String credentials,
        Duration credsExpire,
        boolean isDefault,
        boolean insecure,
        TagSortMode tagSortMode,
        Double limit,
        String defaultNamespace,
        String caCertificates) {

    public RegistryEndpoint {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the registry prefix is empty");
        }
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (apiUrl.getHost() == null || !("http".equals(apiUrl.getScheme()) || "https".equals(apiUrl.getScheme()))) {
            throw new IllegalArgumentException(
                    "api_url \"" + apiUrl + "\" of registry " + prefix + " is not an http(s) URL with a host");
        }
        name = name == null || name.isBlank() ? prefix : name;
        tagSortMode = tagSortMode == null ? TagSortMode.NONE : tagSortMode;
        credentials = credentials == null || credentials.isBlank() ? null : credentials.strip();
        defaultNamespace = defaultNamespace == null || defaultNamespace.isBlank() ? null : defaultNamespace;
        caCertificates = caCertificates == null || caCertificates.isBlank() ? null : caCertificates;
        if (credsExpire != null && (credsExpire.isNegative() || credsExpire.isZero())) {
            throw new IllegalArgumentException("credsexpire of registry " + prefix + " must be positive");
        }
        if (limit != null && !(limit > 0)) {
            throw new IllegalArgumentException("limit of registry " + prefix + " must be a positive number");
        }
        if (caCertificates != null && !caCertificates.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(
                    "the CA certificates of registry " + prefix + " contain no PEM certificate");
        }
    }

    /** An endpoint without extra trusted certificates. */
    public RegistryEndpoint(
            String name,
            String prefix,
            URI apiUrl,
            boolean ping,
            String credentials,
            Duration credsExpire,
            boolean isDefault,
            boolean insecure,
            TagSortMode tagSortMode,
            Double limit,
            String defaultNamespace) {
        this(
                name,
                prefix,
                apiUrl,
                ping,
                credentials,
                credsExpire,
                isDefault,
                insecure,
                tagSortMode,
                limit,
                defaultNamespace,
                null);
    }

    /** An endpoint with only prefix and API URL; everything else default. */
    public static RegistryEndpoint of(String prefix, URI apiUrl) {
        return new RegistryEndpoint(
                prefix, prefix, apiUrl, true, null, null, false, false, TagSortMode.NONE, null, null);
    }

    /** The registry host this endpoint serves: the first component of the prefix (used in messages and metrics). */
    public String registryHost() {
        int slash = prefix.indexOf('/');
        return slash < 0 ? prefix : prefix.substring(0, slash);
    }

    public RegistryEndpoint withCredentials(String reference) {
        return new RegistryEndpoint(
                name,
                prefix,
                apiUrl,
                ping,
                reference,
                credsExpire,
                isDefault,
                insecure,
                tagSortMode,
                limit,
                defaultNamespace,
                caCertificates);
    }
}
