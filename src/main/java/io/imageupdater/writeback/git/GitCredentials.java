package io.imageupdater.writeback.git;

import java.util.Map;
import java.util.TreeMap;

/**
 * Credentials for one repository: a user name and password (HTTPS) or a private key (SSH). {@link #toString()}
 * never shows a secret.
 *
 * @param username      HTTPS user name, or {@code null}
 * @param password      HTTPS password or token, or {@code null}
 * @param sshPrivateKey PEM/OpenSSH private key text, or {@code null}
 * @param origin        where they were found, for messages ({@code secret argocd/repo-1})
 * @param fields        further fields of the Secret that pull requests and commit signing read ({@code token},
 *                      {@code githubAppID}, {@code githubAppInstallationID}, {@code githubAppPrivateKey},
 *                      {@code githubAppEnterpriseBaseUrl}, {@code apiURL}, {@code signingKey},
 *                      {@code signingKeyPassphrase}); never shown
 */
public record GitCredentials(
        String username, String password, String sshPrivateKey, String origin, Map<String, String> fields) {
    public static final GitCredentials NONE = new GitCredentials(null, null, null, "none");

    /** The Secret fields kept in {@link #fields()}. */
    public static final java.util.List<String> FIELDS = java.util.List.of(
            "token",
            "githubAppID",
            "githubAppInstallationID",
            "githubAppPrivateKey",
            "githubAppEnterpriseBaseUrl",
            "apiURL",
            "signingKey",
            "signingKeyPassphrase");

    public GitCredentials {
        username = blankToNull(username);
        password = blankToNull(password);
        sshPrivateKey = blankToNull(sshPrivateKey);
        Map<String, String> kept = new TreeMap<>();
        if (fields != null) {
            fields.forEach((key, value) -> {
                if (key != null && value != null && !value.isBlank()) {
                    kept.put(key, value);
                }
            });
        }
        fields = Map.copyOf(kept);
    }

    public GitCredentials(String username, String password, String sshPrivateKey, String origin) {
        this(username, password, sshPrivateKey, origin, Map.of());
    }

    public boolean hasPassword() {
        return username != null || password != null;
    }

    public boolean hasKey() {
        return sshPrivateKey != null;
    }

    /** A further Secret field, or {@code null}. */
    public String field(String name) {
        return fields.get(name);
    }

    /** Whether the Secret holds a GitHub App's private key (the App ID may be looked up from it too). */
    public boolean hasGithubApp() {
        return fields.containsKey("githubAppPrivateKey");
    }

    /** These credentials with another user name and password (a token exchanged for the push), same fields. */
    public GitCredentials withPassword(String user, String secret) {
        return new GitCredentials(user, secret, sshPrivateKey, origin, fields);
    }

    public boolean isEmpty() {
        return !hasPassword() && !hasKey() && !hasGithubApp();
    }

    @Override
    public String toString() {
        return "GitCredentials["
                + (hasPassword() ? "username=" + (username == null ? "" : "<set>") + ", password=<redacted>, " : "")
                + (hasKey() ? "sshPrivateKey=<redacted>, " : "")
                + (fields.isEmpty() ? "" : "fields=" + fields.keySet() + ", ") + "origin=" + origin + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
