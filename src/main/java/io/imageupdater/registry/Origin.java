package io.imageupdater.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Scheme, host and port of a URL: what must stay the same for a credential to travel with a request.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host   lower case
 * @param port   explicit, or the scheme's default
 */
record Origin(String scheme, String host, int port) {

    Origin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    /** @throws IllegalArgumentException when the URL is not an absolute http(s) URL with a host */
    static Origin of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL with a host");
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return new Origin(scheme, url.getHost().toLowerCase(Locale.ROOT), port);
    }

    static boolean same(URI a, URI b) {
        return of(a).equals(of(b));
    }

    /** {@code scheme://host:port}, the base of a client for this origin. */
    URI uri() {
        return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * A URL fit for a message or log line: scheme, host, port and path; user information, query and fragment (where
     * presigned URLs carry their signatures) left out.
     */
    static String redact(URI url) {
        if (url == null) {
            return "(none)";
        }
        String host = url.getHost() == null ? "" : url.getHost();
        return (url.getScheme() == null ? "" : url.getScheme() + "://")
                + host
                + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public String toString() {
        return uri().toString();
    }
}
