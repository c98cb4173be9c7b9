package io.imageupdater.writeback.git;

import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteGuard;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The {@code git} write-back as a pull request: the edits are made on the base branch's tip and committed; the
 * commit is force-pushed to our head branch {@code image-updater/<base>/<hash>} (never to the base, never to a
 * branch of anyone else), and the forge opens the one pull request for that head or updates the open one. When the
 * base already holds every change, the pull request still open for the head is closed with a comment and the head
 * branch deleted, so none accumulates.
 */
final class ProposalWriter {
    static final String WITHDRAWN_COMMENT = "Closed by image-updater: the base branch already contains these changes.";

    private final RepositoryCheckout checkout;
    private final PullRequests pullRequests;
    private final GitCredentials credentials;
    private final PullRequestSettings settings;

    ProposalWriter(
            RepositoryCheckout checkout,
            PullRequests pullRequests,
            GitCredentials credentials,
            PullRequestSettings settings) {
        this.checkout = checkout;
        this.pullRequests = pullRequests;
        this.credentials = credentials;
        this.settings = settings;
    }

    List<WriteResult> write(
            List<GitChangeSet> sets,
            String argocdNamespace,
            boolean dryRun,
            WriteGuard guard,
            BiFunction<List<String>, List<PlannedChange>, String> message,
            PersonIdent author,
            CommitSigning signing)
            throws GitAPIException {
        Map<GitChangeSet, Object> edits = GitWriter.editAll(checkout.workTree(), sets, argocdNamespace, null);
        List<WriteResult> results = GitWriter.results(sets, edits);
        Set<String> files = new LinkedHashSet<>();
        List<String> apps = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        List<PlannedChange> applied = new ArrayList<>();
        edits.forEach((set, edit) -> {
            if (edit instanceof TreeEdit.Outcome outcome && !outcome.applied().isEmpty()) {
                files.add(outcome.file());
                apps.add(set.app().name());
                refs.add(set.app().ref());
                applied.addAll(outcome.applied());
            }
        });
        if (dryRun) {
            return results;
        }
        Optional<String> refused = guard.refusal();
        if (refused.isPresent()) {
            return sets.stream().map(set -> WriteResult.refused(refused.get())).toList();
        }
        PullRequests.Target target =
                new PullRequests.Target(checkout.repoUrl(), checkout.baseBranch(), checkout.pushBranch(), settings);
        if (files.isEmpty()) {
            if (edits.values().stream().noneMatch(String.class::isInstance)) {
                withdraw(target);
            }
            return results;
        }
        RevCommit commit = checkout.commit(files, message.apply(apps, applied), author, signing);
        if (commit == null) {
            return results;
        }
        boolean pushed = !checkout.remoteHeadHolds(commit);
        if (pushed) {
            checkout.forcePushHead();
        }
        PullRequests.Proposed proposed = pullRequests.propose(
                target, credentials, new PullRequests.Proposal(message.apply(apps, applied), refs, applied, pushed));
        Log.infof(
                "%s pull request %s (%s -> %s of %s) for %s",
                proposed.action(),
                proposed.url(),
                target.head(),
                target.base(),
                Redaction.url(target.repoUrl()),
                String.join(", ", refs));
        return results.stream()
                .map(result -> result.failed() ? result : result.proposedIn(proposed.url()))
                .toList();
    }

    private void withdraw(PullRequests.Target target) throws GitAPIException {
        Optional<String> closed = pullRequests.withdraw(target, credentials, WITHDRAWN_COMMENT);
        checkout.deleteRemoteHead();
        closed.ifPresent(url -> Log.infof(
                "closed pull request %s: branch %s of %s already contains its changes",
                url, target.base(), Redaction.url(target.repoUrl())));
    }
}
