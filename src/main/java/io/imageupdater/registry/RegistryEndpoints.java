package io.imageupdater.registry;

import io.imageupdater.image.ImageRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured endpoints plus the built-in ones, and the rules that pick one for an image.
 *
 * <p>Registry quirks live here and nowhere else: Docker Hub's API is at {@code registry-1.docker.io} and its
 * one-component names live under {@code library/}; loopback registries speak plain HTTP.
 */
public final class RegistryEndpoints {

    /** Requests per second to the built-in Docker Hub endpoint. */
    public static final double DOCKER_HUB_LIMIT = 10;
    /** Requests per second to a registry nobody configured. Configured entries without {@code limit} are unlimited. */
    public static final double INFERRED_LIMIT = 20;

    /** Docker Hub as built in; a configured {@code docker.io} entry replaces it. */
    public static final RegistryEndpoint DOCKER_HUB = new RegistryEndpoint(
            "Docker Hub",
            ImageRef.DOCKER_HUB,
            URI.create("https://registry-1.docker.io"),
            true,
            null,
            null,
            false,
            false,
            TagSortMode.NONE,
            DOCKER_HUB_LIMIT,
            "library");

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final List<RegistryEndpoint> endpoints;
    private final RegistryEndpoint defaultEndpoint;

    public RegistryEndpoints(List<RegistryEndpoint> configured) {
        List<RegistryEndpoint> all = new ArrayList<>(configured);
        if (configured.stream().noneMatch(e -> canonicalPrefix(e.prefix()).equals(ImageRef.DOCKER_HUB))) {
            all.add(DOCKER_HUB);
        }
        all.sort(Comparator.comparingInt((RegistryEndpoint e) -> e.prefix().length())
                .reversed());
        this.endpoints = List.copyOf(all);
        this.defaultEndpoint = configured.stream()
                .filter(RegistryEndpoint::isDefault)
                .findFirst()
                .orElse(null);
    }

    /** Only the built-in endpoints. */
    public static RegistryEndpoints builtIn() {
        return new RegistryEndpoints(List.of());
    }

    /** Every known endpoint, configured and built in, longest prefix first. */
    public List<RegistryEndpoint> all() {
        return endpoints;
    }

    public Optional<RegistryEndpoint> defaultEndpoint() {
        return Optional.ofNullable(defaultEndpoint);
    }

    /** The endpoint serving an image: longest matching prefix, the default for implicit Docker Hub, else inferred. */
    public RegistryEndpoint forImage(ImageRef image) {
        if (image.registry().isEmpty() && defaultEndpoint != null) {
            return defaultEndpoint;
        }
        String host = ImageRef.canonicalHost(image.registryHost());
        String path = host + "/" + image.name();
        for (RegistryEndpoint endpoint : endpoints) {
            String prefix = canonicalPrefix(endpoint.prefix());
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return endpoint;
            }
        }
        return inferred(host);
    }

    /** The repository path to ask the endpoint for: one-component names get the endpoint's default namespace. */
    public String repositoryPath(RegistryEndpoint endpoint, ImageRef image) {
        String name = image.name();
        if (!name.contains("/") && endpoint.defaultNamespace() != null) {
            return endpoint.defaultNamespace() + "/" + name;
        }
        return name;
    }

    /** An endpoint for a host nobody configured: HTTPS, except loopback hosts, which get plain HTTP like docker does. */
    static RegistryEndpoint inferred(String host) {
        boolean loopback = isLoopback(host);
        URI api = URI.create((loopback ? "http://" : "https://") + host);
        return new RegistryEndpoint(
                host, host, api, true, null, null, false, loopback, TagSortMode.NONE, INFERRED_LIMIT, null);
    }

    static boolean isLoopback(String hostWithPort) {
        String host;
        if (hostWithPort.startsWith("[")) {
            int end = hostWithPort.indexOf(']');
            host = end < 0 ? hostWithPort : hostWithPort.substring(1, end);
            return host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
        }
        int colon = hostWithPort.indexOf(':');
        host = colon < 0 ? hostWithPort : hostWithPort.substring(0, colon);
        return host.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static String canonicalPrefix(String prefix) {
        int slash = prefix.indexOf('/');
        String host = slash < 0 ? prefix : prefix.substring(0, slash);
        String rest = slash < 0 ? "" : prefix.substring(slash);
        return ImageRef.canonicalHost(host) + rest;
    }
}
