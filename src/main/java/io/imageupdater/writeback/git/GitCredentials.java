package io.imageupdater.writeback.git;

/**
 * Credentials for one repository: a user name and password (HTTPS) or a private key (SSH). {@link #toString()}
 * never shows a secret.
 *
 * @param username      HTTPS user name, or {@code null}
 * @param password      HTTPS password or token, or {@code null}
 * @param sshPrivateKey PEM/OpenSSH private key text, or {@code null}
 * @param origin        where they were found, for messages ({@code secret argocd/repo-1})
 */
public record GitCredentials(String username, String password, String sshPrivateKey, String origin) {
    public static final GitCredentials NONE = new GitCredentials(null, null, null, "none");

    public GitCredentials {
        username = blankToNull(username);
        password = blankToNull(password);
        sshPrivateKey = blankToNull(sshPrivateKey);
    }

    public boolean hasPassword() {
        return username != null || password != null;
    }

    public boolean hasKey() {
        return sshPrivateKey != null;
    }

    public boolean isEmpty() {
        return !hasPassword() && !hasKey();
    }

    @Override
    public String toString() {
        return "GitCredentials["
                + (hasPassword() ? "username=" + (username == null ? "" : "<set>") + ", password=<redacted>, " : "")
                + (hasKey() ? "sshPrivateKey=<redacted>, " : "") + "origin=" + origin + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
