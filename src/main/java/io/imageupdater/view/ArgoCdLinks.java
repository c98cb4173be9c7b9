package io.imageupdater.view;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Links into the Argo CD UI ({@code --argocd-url}): {@code <url>/applications/<namespace>/<name>}. */
record ArgoCdLinks(Optional<String> base) {

    /** From the setting: its scheme, host, port and path only (no user info, query or fragment); bad ones are off. */
    static ArgoCdLinks of(Optional<String> setting) {
        return new ArgoCdLinks(
                setting.map(String::strip).filter(value -> !value.isEmpty()).flatMap(ArgoCdLinks::base));
    }

    private static Optional<String> base(String value) {
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return Optional.of(scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Optional<String> application(String namespace, String name) {
        return base.map(url -> url + "/applications/" + encode(namespace) + "/" + encode(name));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
