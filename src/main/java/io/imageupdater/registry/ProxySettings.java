package io.imageupdater.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} (either case), as Go programs read them: the proxy is
 * chosen by the target's scheme; loopback hosts and hosts matching a {@code NO_PROXY} entry (a host, {@code .domain}
 * or {@code domain} for it and its subdomains, optionally with {@code :port}; {@code *} for all) go direct.
 * {@link #toString()} never shows a proxy password.
 */
public record ProxySettings(URI httpsProxy, URI httpProxy, List<String> noProxy) {

    public static final ProxySettings NONE = new ProxySettings(null, null, List.of());

    public ProxySettings {
        noProxy = List.copyOf(noProxy);
    }

    /** A proxy to use: host, port and optional user and password (from the proxy URL). */
    public record Proxy(String host, int port, String user, String password) {
        @Override
        public String toString() {
            return host + ":" + port + (user == null ? "" : " (as " + user + ")");
        }
    }

    public static ProxySettings fromEnvironment(Map<String, String> env) {
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        return new ProxySettings(
                uri(first(env, "HTTPS_PROXY", "https_proxy")),
                uri(first(env, "HTTP_PROXY", "http_proxy")),
                noProxy == null
                        ? List.of()
                        : Stream.of(noProxy.split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .map(s -> s.toLowerCase(Locale.ROOT))
                                .toList());
    }

    /** The proxy for requests to {@code target}, if any. */
    public Optional<Proxy> forTarget(URI target) {
        URI proxy = "https".equals(target.getScheme()) ? httpsProxy : httpProxy;
        if (proxy == null || proxy.getHost() == null || bypass(target)) {
            return Optional.empty();
        }
        String user = null;
        String password = null;
        if (proxy.getUserInfo() != null) {
            int colon = proxy.getUserInfo().indexOf(':');
            user = colon < 0 ? proxy.getUserInfo() : proxy.getUserInfo().substring(0, colon);
            password = colon < 0 ? null : proxy.getUserInfo().substring(colon + 1);
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equals(proxy.getScheme()) ? 443 : 80;
        return Optional.of(new Proxy(proxy.getHost(), port, user, password));
    }

    private boolean bypass(URI target) {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (RegistryEndpoints.isLoopback(host.contains(":") ? "[" + host + "]" : host)) {
            return true;
        }
        int port = target.getPort() > 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String name = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && !entry.contains("]") && entry.indexOf(':') == colon) {
                if (!entry.substring(colon + 1).equals(String.valueOf(port))) {
                    continue;
                }
                name = entry.substring(0, colon);
            }
            String domain = name.startsWith(".") ? name.substring(1) : name;
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, String> env, String upper, String lower) {
        String value = env.get(upper);
        return value == null || value.isBlank() ? env.get(lower) : value;
    }

    private static URI uri(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ProxySettings[https=" + redact(httpsProxy) + ", http=" + redact(httpProxy) + ", noProxy=" + noProxy
                + "]";
    }

    private static String redact(URI proxy) {
        return proxy == null ? "none" : proxy.getHost() + (proxy.getPort() > 0 ? ":" + proxy.getPort() : "");
    }
}
