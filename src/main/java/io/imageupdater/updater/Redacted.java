package io.imageupdater.updater;

import java.util.regex.Pattern;

/** Text fit for the status page and the JSON API: URLs lose their user info and query string. */
public final class Redacted {
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
    private static final Pattern URL_QUERY = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s?#]*)[?#]\\S*");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private Redacted() {}

    /** {@code https://u:p@host/x?token=…} → {@code https://host/x}; {@code Bearer abc…} → {@code Bearer <redacted>}. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String withoutUser = URL_USER_INFO.matcher(text).replaceAll("$1");
        String withoutQuery = URL_QUERY.matcher(withoutUser).replaceAll("$1");
        return AUTHORIZATION.matcher(withoutQuery).replaceAll("$1 <redacted>");
    }
}
