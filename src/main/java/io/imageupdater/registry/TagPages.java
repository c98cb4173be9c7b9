package io.imageupdater.registry;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code Link} header of a tag-list page (RFC 8288): the {@code rel="next"} target, resolved against the
 * URL that answered, kept exactly as the registry wrote it (relative or absolute, any query parameters).
 */
final class TagPages {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
    private static final Pattern REL = Pattern.compile("(?i)(?:^|;)\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;,\\s]*))");

    private TagPages() {}

    /**
     * The next page.
     *
     * @param url     the URL to follow, or {@code null}
     * @param problem why a next link that is there cannot be followed, or {@code null}
     */
    record Next(URI url, String problem) {
        static final Next NONE = new Next(null, null);
    }

    /** The next page named by a {@code Link} header, or {@link Next#NONE} when there is none (the last page). */
    static Next next(String header, URI answered) {
        if (header == null || header.isBlank()) {
            return Next.NONE;
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            if (isNext(link.group(2))) {
                return resolve(link.group(1).strip(), answered);
            }
        }
        return Next.NONE;
    }

    private static boolean isNext(String params) {
        Matcher rel = REL.matcher(params);
        while (rel.find()) {
            String value = rel.group(1) != null ? rel.group(1) : rel.group(2);
            for (String type : value.strip().split("\\s+")) {
                if (type.toLowerCase(Locale.ROOT).equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Next resolve(String target, URI answered) {
        if (target.isEmpty()) {
            return new Next(null, "the link is empty");
        }
        URI url;
        try {
            url = target.startsWith("?")
                    // RFC 3986: a query-only reference keeps the path (URI.resolve follows RFC 2396 and drops it)
                    ? new URI(
                            answered.getScheme() + "://" + answered.getRawAuthority() + answered.getRawPath() + target)
                    : answered.resolve(new URI(target));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return new Next(null, "the link is not a valid URL");
        }
        try {
            Origin.of(url);
        } catch (IllegalArgumentException e) {
            return new Next(null, "the link is not an http(s) URL");
        }
        return new Next(url, null);
    }
}
