package io.imageupdater.writeback.git.pullrequest;

import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.PullRequestSettings.Provider;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.writeback.git.GitConfig;
import io.imageupdater.writeback.git.GitCredentials;
import io.imageupdater.writeback.git.PullRequests;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Pull requests through the forge each write-back names: one per head branch, opened when none is open and updated
 * otherwise; labels, reviewers and auto-merge requested on opening, each skipped with a WARN when the provider or
 * token cannot do it. Counts {@code argocd_image_updater_pull_requests_total{provider,action}}.
 */
@ApplicationScoped
public class ForgePullRequests implements PullRequests {
    private final UpdaterMetrics metrics;
    private final HttpClient client;
    private final Duration timeout;
    private final GitHubApp githubApp;

    public ForgePullRequests(UpdaterMetrics metrics, GitConfig config, Clock clock) {
        this.metrics = metrics;
        this.timeout = config.transportTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.githubApp = new GitHubApp(client, clock, timeout);
    }

    @Override
    public GitCredentials pushCredentials(String repoUrl, PullRequestSettings settings, GitCredentials credentials) {
        if (settings.provider() == Provider.GITHUB && credentials.hasGithubApp()) {
            ForgeRepository repository = ForgeRepository.parse(repoUrl);
            String api = Forges.apiBase(Provider.GITHUB, repository, credentials);
            try {
                return credentials.withPassword(
                        "x-access-token", githubApp.installationToken(api, repository, credentials));
            } catch (RuntimeException e) {
                metrics.pullRequest(settings.provider().key(), "failed");
                throw e;
            }
        }
        return credentials;
    }

    @Override
    public Proposed propose(Target target, GitCredentials credentials, Proposal proposal) {
        String provider = target.settings().provider().key();
        try {
            Forge forge = Forges.create(target.settings().provider(), target.repoUrl(), credentials, client, timeout);
            PullRequestText text = PullRequestText.of(proposal, forge.limits());
            Optional<PullRequest> open = forge.findOpen(target.head(), target.base());
            if (open.isPresent()) {
                PullRequest pullRequest = open.get();
                boolean edited = !text.title().equals(strip(pullRequest.title()))
                        || !text.body().equals(pullRequest.body());
                if (edited) {
                    forge.update(pullRequest, text);
                }
                if (!edited && !proposal.pushed()) {
                    return new Proposed(pullRequest.url(), "unchanged");
                }
                metrics.pullRequest(provider, "updated");
                return new Proposed(pullRequest.url(), "updated");
            }
            PullRequest pullRequest = forge.open(
                    target.head(), target.base(), text, target.settings().draft());
            metrics.pullRequest(provider, "opened");
            extras(forge, pullRequest, target);
            return new Proposed(pullRequest.url(), "opened");
        } catch (RuntimeException e) {
            metrics.pullRequest(provider, "failed");
            throw e;
        }
    }

    @Override
    public Optional<String> withdraw(Target target, GitCredentials credentials, String comment) {
        String provider = target.settings().provider().key();
        try {
            Forge forge = Forges.create(target.settings().provider(), target.repoUrl(), credentials, client, timeout);
            Optional<PullRequest> open = forge.findOpen(target.head(), target.base());
            if (open.isEmpty()) {
                return Optional.empty();
            }
            forge.close(open.get(), comment);
            metrics.pullRequest(provider, "closed");
            return Optional.of(open.get().url());
        } catch (RuntimeException e) {
            metrics.pullRequest(provider, "failed");
            throw e;
        }
    }

    /** Labels, reviewers, auto-merge: each one that fails is skipped with a WARN naming it; the PR still counts. */
    private static void extras(Forge forge, PullRequest pullRequest, Target target) {
        PullRequestSettings settings = target.settings();
        if (!settings.labels().isEmpty()) {
            attempt(
                    forge,
                    pullRequest,
                    "labels " + settings.labels(),
                    () -> forge.addLabels(pullRequest, settings.labels()));
        }
        if (!settings.reviewers().isEmpty()) {
            attempt(
                    forge,
                    pullRequest,
                    "reviewers " + settings.reviewers(),
                    () -> forge.requestReviewers(pullRequest, settings.reviewers()));
        }
        if (settings.autoMerge().enabled()) {
            attempt(
                    forge,
                    pullRequest,
                    "auto-merge (" + settings.autoMerge().name().toLowerCase() + ")",
                    () -> forge.enableAutoMerge(pullRequest, settings.autoMerge()));
        }
    }

    private static void attempt(Forge forge, PullRequest pullRequest, String what, Runnable action) {
        try {
            action.run();
        } catch (Forge.Unsupported e) {
            Log.warnf(
                    "pull request %s: %s skipped: %s cannot do %s",
                    pullRequest.url(), what, forge.provider(), e.getMessage());
        } catch (ForgeApiException e) {
            Log.warnf("pull request %s: %s skipped: %s", pullRequest.url(), what, e.getMessage());
        }
    }

    /** A draft prefix a forge keeps in the title is not a difference. */
    private static String strip(String title) {
        for (String prefix : List.of("Draft: ", "WIP: ")) {
            if (title.startsWith(prefix)) {
                return title.substring(prefix.length());
            }
        }
        return title;
    }
}
