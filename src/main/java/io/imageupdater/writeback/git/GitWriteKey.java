package io.imageupdater.writeback.git;

import java.util.Objects;

/**
 * What Git write-backs must share to go into one commit and one push: the destination, the credentials reference,
 * and the tenant, so that one tenant's changes are never pushed with another tenant's credentials or alongside
 * another tenant's changes.
 *
 * @param destination repository and branches
 * @param credentials the credentials reference, normalized ({@code repocreds}, {@code secret:<ns>/<name>})
 * @param namespace   the Applications' namespace
 * @param project     for {@code repocreds}, the Applications' AppProject (Argo CD scopes credentials by project);
 *                    else {@code null}
 */
public record GitWriteKey(GitDestination destination, String credentials, String namespace, String project) {
    static final String REPOCREDS = "repocreds";
    static final String DEFAULT_PROJECT = "default";

    public GitWriteKey {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(namespace, "namespace");
    }

    static GitWriteKey of(GitChangeSet set) {
        String namespace = set.app().namespace();
        String credentials = credentials(set.config().credentials(), namespace);
        return new GitWriteKey(
                set.destination(), credentials, namespace, credentials.equals(REPOCREDS) ? project(set) : null);
    }

    /** {@code repocreds} for none, {@code secret:<ns>/<name>} for a Secret named with or without namespace. */
    static String credentials(String reference, String namespace) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) {
            return REPOCREDS;
        }
        if (ref.startsWith("secret:") && !ref.contains("/")) {
            return "secret:" + namespace + "/"
                    + ref.substring("secret:".length()).strip();
        }
        return ref;
    }

    /** {@code spec.project}, {@code default} when empty (as Argo CD reads it). */
    static String project(GitChangeSet set) {
        Object project = set.app().listed() == null ? null : set.app().listed().get("spec", "project");
        return project == null || project.toString().isBlank()
                ? DEFAULT_PROJECT
                : project.toString().strip();
    }

    @Override
    public String toString() {
        return destination + " for namespace " + namespace + (project == null ? "" : " (project " + project + ")");
    }
}
