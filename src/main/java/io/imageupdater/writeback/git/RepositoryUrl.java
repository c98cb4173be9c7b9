package io.imageupdater.writeback.git;

import java.util.Locale;
import java.util.regex.Pattern;

/** Repository URLs compared as Argo CD compares them ({@code git.NormalizeGitURL} of argoproj/argo-cd). */
final class RepositoryUrl {
    /** Argo CD's test for an SSH URL: {@code user@host:path} or {@code ssh://user@host/path}. */
    private static final Pattern SSH = Pattern.compile("^(ssh://)?([^/:]*?)@[^@]+$");

    private RepositoryUrl() {}

    /**
     * Lower case, {@code git@host:path} rewritten as {@code git@host/path}, without a {@code .git} suffix and
     * without an {@code ssh://} prefix.
     */
    static String normalize(String url) {
        String text = url.strip().toLowerCase(Locale.ROOT);
        if (SSH.matcher(text).matches() && !text.startsWith("ssh://")) {
            int colon = text.indexOf(':');
            if (colon >= 0) {
                text = text.substring(0, colon) + "/" + text.substring(colon + 1);
            }
            text = "ssh://" + text;
        }
        if (text.endsWith(".git")) {
            text = text.substring(0, text.length() - ".git".length());
        }
        return text.startsWith("ssh://") ? text.substring("ssh://".length()) : text;
    }
}
