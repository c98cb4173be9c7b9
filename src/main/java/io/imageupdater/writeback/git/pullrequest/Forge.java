package io.imageupdater.writeback.git.pullrequest;

import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.List;
import java.util.Optional;

/**
 * One forge's pull request API for one repository. The first four methods must work for a proposal to count; the
 * others may throw {@link Unsupported} (the provider cannot do it) or fail, which only skips that extra with a WARN.
 */
interface Forge {
    /** The provider's name in messages and metrics ({@code github}, {@code bitbucket}, …). */
    String provider();

    /** Longest title and body the provider accepts. */
    PullRequestText.Limits limits();

    Optional<PullRequest> findOpen(String head, String base);

    PullRequest open(String head, String base, PullRequestText text, boolean draft);

    void update(PullRequest pullRequest, PullRequestText text);

    void close(PullRequest pullRequest, String comment);

    void addLabels(PullRequest pullRequest, List<String> labels);

    void requestReviewers(PullRequest pullRequest, List<String> reviewers);

    void enableAutoMerge(PullRequest pullRequest, AutoMerge mode);

    /** The provider (or its API) cannot do what was asked. */
    final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }
}
