package io.imageupdater.credentials;

import java.util.Objects;

/**
 * A user name and password (or token) for a registry.
 *
 * <p>{@link #toString()} never shows the password.
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses {@code user:password}, splitting at the first colon (passwords may contain colons).
     *
     * @param source where the text came from ({@code env:PULL_CREDS}); errors name it, never the text
     */
    public static Credentials parseUserPass(String text, String source) {
        if (text == null || text.isEmpty()) {
            throw new CredentialsException("credentials from " + source + " are empty");
        }
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            throw new CredentialsException("credentials from " + source + " are not in the form <username>:<password>");
        }
        return new Credentials(trimmed.substring(0, colon), trimmed.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<redacted>]";
    }
}
