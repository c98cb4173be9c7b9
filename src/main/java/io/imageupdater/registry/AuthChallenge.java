package io.imageupdater.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Bearer realm="…",service="…",scope="…"} or {@code Basic realm="…"}.
 *
 * @param scheme lower-case scheme ({@code bearer}, {@code basic})
 */
record AuthChallenge(String scheme, Map<String, String> params) {

    private static final Pattern PARAM =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    AuthChallenge {
        params = Map.copyOf(params);
    }

    /** @return the challenge, or {@code null} when the header is absent or blank */
    static AuthChallenge parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String text = header.strip();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher matcher = PARAM.matcher(text.substring(space + 1));
            while (matcher.find()) {
                String value =
                        matcher.group(2) != null ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
                params.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return new AuthChallenge(scheme, params);
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    String realm() {
        return params.get("realm");
    }

    String service() {
        return params.get("service");
    }
}
