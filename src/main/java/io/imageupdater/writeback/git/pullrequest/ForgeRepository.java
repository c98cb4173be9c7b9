package io.imageupdater.writeback.git.pullrequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A repository URL taken apart for a forge API: the web origin ({@code https://host[:port]}, {@code https} for SSH
 * URLs) and the path segments without {@code .git}. Understands {@code https://host/a/b.git},
 * {@code ssh://git@host:port/a/b.git} and {@code git@host:a/b.git}.
 *
 * @param origin   {@code scheme://host[:port]} of the web and API server
 * @param host     the host name, lower case
 * @param segments the path segments
 */
record ForgeRepository(String origin, String host, List<String> segments) {
    ForgeRepository {
        segments = List.copyOf(segments);
    }

    static ForgeRepository parse(String url) {
        String text = url.strip();
        try {
            if (text.contains("://")) {
                URI uri = URI.create(text);
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                boolean web = scheme.equals("http") || scheme.equals("https");
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                String origin =
                        (web ? scheme : "https") + "://" + host + (web && uri.getPort() > 0 ? ":" + uri.getPort() : "");
                return new ForgeRepository(origin, host, segments(uri.getPath()));
            }
            int at = text.indexOf('@');
            int colon = text.indexOf(':', at + 1);
            if (colon > 0) {
                String host = text.substring(at + 1, colon).toLowerCase(Locale.ROOT);
                return new ForgeRepository("https://" + host, host, segments(text.substring(colon + 1)));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // fall through
        }
        throw new IllegalArgumentException("cannot tell host and path of repository " + url);
    }

    private static List<String> segments(String path) {
        List<String> parts = new ArrayList<>(
                Arrays.stream(path.split("/")).filter(part -> !part.isBlank()).toList());
        if (!parts.isEmpty() && parts.getLast().endsWith(".git")) {
            String last = parts.removeLast();
            parts.add(last.substring(0, last.length() - 4));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no path");
        }
        return parts;
    }

    /** The last segment (the repository's name). */
    String name() {
        return segments.getLast();
    }

    /** The segment before the last (owner, workspace, project). */
    String owner() {
        if (segments.size() < 2) {
            throw new IllegalArgumentException(
                    "repository path /" + String.join("/", segments) + " does not name an owner and a repository");
        }
        return segments.get(segments.size() - 2);
    }

    String path() {
        return String.join("/", segments);
    }

    @Override
    public String toString() {
        return origin + "/" + path();
    }
}
