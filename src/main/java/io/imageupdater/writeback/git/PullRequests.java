package io.imageupdater.writeback.git;

import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.writeback.PlannedChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@code git} write-back needs from a forge to propose a change as a pull request instead of pushing it
 * (implemented in {@code writeback.git.pullrequest}). The write-back pushes the head branch; this port opens, updates
 * or closes the pull request. Failures are {@link io.imageupdater.ImageUpdaterException}s naming the provider, the
 * repository and the HTTP status, never a credential.
 */
public interface PullRequests {
    /**
     * The credentials to push the head branch with: {@code credentials} as they are, or with a token obtained for
     * them (a GitHub App's installation token).
     */
    GitCredentials pushCredentials(String repoUrl, PullRequestSettings settings, GitCredentials credentials);

    /** Opens the pull request for the target's head branch, or updates the one open for it; returns its web URL. */
    Proposed propose(Target target, GitCredentials credentials, Proposal proposal);

    /** Closes the pull request open for the target's head branch, with a comment; its web URL if one was open. */
    Optional<String> withdraw(Target target, GitCredentials credentials, String comment);

    /** Used where no forge clients are wired (plain unit tests): every proposal fails. */
    PullRequests UNAVAILABLE = new PullRequests() {
        @Override
        public GitCredentials pushCredentials(String repoUrl, PullRequestSettings settings, GitCredentials creds) {
            return creds;
        }

        @Override
        public Proposed propose(Target target, GitCredentials credentials, Proposal proposal) {
            throw new GitWriteBackException("pull requests are not available here");
        }

        @Override
        public Optional<String> withdraw(Target target, GitCredentials credentials, String comment) {
            return Optional.empty();
        }
    };

    /**
     * One pull request's place: repository, base branch, our head branch and the settings.
     *
     * @param repoUrl  the repository
     * @param base     the base branch
     * @param head     the head branch, {@code image-updater/<base>/<hash>}
     * @param settings provider, labels, reviewers, draft, auto-merge
     */
    record Target(String repoUrl, String base, String head, PullRequestSettings settings) {
        public Target {
            Objects.requireNonNull(repoUrl, "repoUrl");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * What is proposed.
     *
     * @param message      the commit message (first line: the title; the rest: the start of the body)
     * @param applications the Applications it serves ({@code namespace/name})
     * @param changes      every image change in it
     * @param pushed       whether the head branch got a new commit (else it already held this change)
     */
    record Proposal(String message, List<String> applications, List<PlannedChange> changes, boolean pushed) {
        public Proposal {
            Objects.requireNonNull(message, "message");
            applications = List.copyOf(applications);
            changes = List.copyOf(changes);
        }
    }

    /**
     * A pull request after {@link #propose}.
     *
     * @param url    its web URL
     * @param action {@code opened}, {@code updated} (new head commit, title or body), or {@code unchanged}
     */
    record Proposed(String url, String action) {
        public boolean opened() {
            return action.equals("opened");
        }
    }
}
