package io.imageupdater.writeback.git;

import java.util.regex.Pattern;

/** Keeps credentials out of messages: user info in URLs, and any secret value that a library echoed. */
final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s]+:[^/@\\s]*@");
    /** A URL's query string (a token is sometimes passed as {@code ?access_token=}). */
    private static final Pattern QUERY = Pattern.compile("(://[^\\s?#]*)\\?[^\\s#]*");

    private Redaction() {}

    /** The URL (or a text with URLs) without a password or a query string in it. */
    static String url(String url) {
        return QUERY.matcher(USER_INFO.matcher(url).replaceAll("$1***@")).replaceAll("$1?***");
    }

    /** The message with URLs' passwords and the credentials' secret values replaced. */
    static String clean(String message, GitCredentials credentials) {
        String text = url(message);
        if (credentials.password() != null && credentials.password().length() >= 3) {
            text = text.replace(credentials.password(), "***");
        }
        if (credentials.sshPrivateKey() != null) {
            for (String line : credentials.sshPrivateKey().lines().toList()) {
                if (line.length() >= 16 && !line.startsWith("-----")) {
                    text = text.replace(line, "***");
                }
            }
        }
        return text;
    }
}
