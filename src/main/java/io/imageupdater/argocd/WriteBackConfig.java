package io.imageupdater.argocd;

import java.util.Objects;

/**
 * How an Application's changes are written back.
 *
 * @param method        {@code argocd} (the default) or {@code git}
 * @param credentials   for git, the credentials reference after {@code git:} ({@code secret:ns/name}), or {@code null}
 * @param target        the write-back target ({@code kustomization:…}, {@code helmvalues:…}), or {@code null}
 * @param gitBranch     the branch to commit to, or {@code null}
 * @param gitRepository the repository to push to, or {@code null} (the Application's source)
 * @param pullRequest   for git, propose the change as a pull request instead of pushing it, or {@code null}
 */
public record WriteBackConfig(
        WriteBackMethod method,
        String credentials,
        String target,
        String gitBranch,
        String gitRepository,
        PullRequestSettings pullRequest) {
    public static final WriteBackConfig ARGOCD = new WriteBackConfig(WriteBackMethod.ARGOCD, null, null, null, null);

    public WriteBackConfig(
            WriteBackMethod method, String credentials, String target, String gitBranch, String gitRepository) {
        this(method, credentials, target, gitBranch, gitRepository, null);
    }

    public WriteBackConfig {
        Objects.requireNonNull(method, "method");
    }

    @Override
    public String toString() {
        // credentials are a reference, but keep them out of logs anyway
        return "WriteBackConfig[method=" + method + (credentials != null ? ", credentials=<set>" : "") + ", target="
                + target + ", gitBranch=" + gitBranch + ", gitRepository=" + gitRepository
                + (pullRequest != null ? ", pullRequest=" + pullRequest : "") + "]";
    }
}
