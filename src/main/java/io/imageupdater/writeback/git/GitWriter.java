package io.imageupdater.writeback.git;

import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteGuard;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;

/**
 * The {@code git} write-back: for one group (destination, credentials reference and tenant; see
 * {@link GitWriteKey}), clones the destination shallowly into a temporary workspace, applies every Application's
 * changes with the file editors, makes one commit and pushes it without force. When the branch moved meanwhile, it
 * moves to the new tip and applies the edits again, each only where the value still holds what was first read,
 * and retries, a bounded number of times. Every transport operation times out ({@code git-timeout}). The
 * workspace is always removed; one write per repository runs at a time.
 */
@ApplicationScoped
public class GitWriter {
    private final GitCredentialSource credentialSource;
    private final GitConfig config;
    private final PullRequests pullRequests;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public GitWriter(GitCredentialSource credentialSource, GitConfig config) {
        this(credentialSource, config, PullRequests.UNAVAILABLE);
    }

    @Inject
    public GitWriter(GitCredentialSource credentialSource, GitConfig config, PullRequests pullRequests) {
        this.credentialSource = credentialSource;
        this.config = config;
        this.pullRequests = pullRequests;
    }

    /**
     * Writes the change sets, all of group {@code key}, in one commit. The result of each set (same order) says what
     * was written or why not, naming the repository. A set of another group is a caller's error
     * ({@link IllegalArgumentException}), never pushed with this group's credentials.
     */
    public List<WriteResult> write(GitWriteKey key, List<GitChangeSet> sets, String argocdNamespace, boolean dryRun) {
        return write(key, sets, argocdNamespace, dryRun, WriteGuard.ALWAYS);
    }

    /** As above; the guard is asked before the clone and right before every commit and push. */
    public List<WriteResult> write(
            GitWriteKey key, List<GitChangeSet> sets, String argocdNamespace, boolean dryRun, WriteGuard guard) {
        for (GitChangeSet set : sets) {
            if (!set.writeKey().equals(key)) {
                throw new IllegalArgumentException(
                        "application " + set.app().ref() + ": git write-back refused: not of the group " + key);
            }
        }
        Optional<String> refusal = dryRun ? Optional.empty() : guard.refusal();
        if (refusal.isPresent()) {
            return sets.stream().map(set -> WriteResult.refused(refusal.get())).toList();
        }
        return sets.isEmpty() ? List.of() : writeGroup(key, sets, argocdNamespace, dryRun, guard);
    }

    private List<WriteResult> writeGroup(
            GitWriteKey key, List<GitChangeSet> sets, String argocdNamespace, boolean dryRun, WriteGuard guard) {
        GitDestination destination = key.destination();
        ReentrantLock lock =
                locks.computeIfAbsent(GitCredentialSource.normalize(destination.repoUrl()), any -> new ReentrantLock());
        lock.lock();
        Path workspace = null;
        GitCredentials credentials = GitCredentials.NONE;
        try {
            workspace = Files.createTempDirectory("image-updater-git-");
            credentials = credentialSource.find(
                    key.credentials(),
                    destination.repoUrl(),
                    key.namespace(),
                    key.project() == null ? GitWriteKey.DEFAULT_PROJECT : key.project(),
                    argocdNamespace);
            PullRequestSettings proposal = proposal(destination, sets);
            if (proposal != null && !dryRun) {
                credentials = pullRequests.pushCredentials(destination.repoUrl(), proposal, credentials);
            }
            CommitSigning signing = dryRun ? CommitSigning.NONE : CommitSigning.of(config, credentials, workspace);
            try (GitTransport transport = GitTransport.create(
                            credentials,
                            knownHosts(argocdNamespace),
                            workspace.resolve("ssh"),
                            destination.repoUrl(),
                            config.transportTimeout());
                    RepositoryCheckout checkout =
                            RepositoryCheckout.clone(destination, transport, workspace.resolve("repo"))) {
                if (proposal != null) {
                    return new ProposalWriter(checkout, pullRequests, credentials, proposal)
                            .write(sets, argocdNamespace, dryRun, guard, message(), author(), signing);
                }
                return writeWithRetries(destination, checkout, sets, argocdNamespace, dryRun, guard, signing);
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            String error = "git write-back to " + Redaction.url(destination.repoUrl()) + " failed: "
                    + Redaction.clean(describe(e), credentials);
            Log.debugf("%s (%s)", error, e.getClass().getName());
            return sets.stream().map(set -> WriteResult.failed(error)).toList();
        } finally {
            delete(workspace);
            lock.unlock();
        }
    }

    private List<WriteResult> writeWithRetries(
            GitDestination destination,
            RepositoryCheckout checkout,
            List<GitChangeSet> sets,
            String argocdNamespace,
            boolean dryRun,
            WriteGuard guard,
            CommitSigning signing)
            throws GitAPIException {
        CommitMessage message = CommitMessage.fromFile(config.commitMessageFile());
        int attempts = Math.max(1, config.pushAttempts());
        Map<GitChangeSet, Object> firstEdits = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Map<GitChangeSet, Object> edits = editAll(checkout.workTree(), sets, argocdNamespace, firstEdits);
            if (firstEdits == null) {
                firstEdits = edits;
            }
            List<WriteResult> results = results(sets, edits);
            Set<String> files = new LinkedHashSet<>();
            Set<String> created = new LinkedHashSet<>();
            List<String> apps = new ArrayList<>();
            List<PlannedChange> applied = new ArrayList<>();
            edits.forEach((set, edit) -> {
                if (edit instanceof TreeEdit.Outcome outcome
                        && !outcome.applied().isEmpty()) {
                    files.add(outcome.file());
                    if (outcome.created()) {
                        created.add(outcome.file());
                    }
                    apps.add(set.app().name());
                    applied.addAll(outcome.applied());
                }
            });
            if (files.isEmpty() || dryRun) {
                return results;
            }
            Optional<String> refused = guard.refusal();
            if (refused.isPresent()) {
                Log.warnf("git write-back to %s not pushed: %s", Redaction.url(destination.repoUrl()), refused.get());
                return sets.stream()
                        .map(set -> WriteResult.refused(refused.get()))
                        .toList();
            }
            RevCommit commit = checkout.commit(
                    files, withSignOff(withCreated(message.render(apps, applied), created)), author(), signing);
            if (commit == null || checkout.push() == RepositoryCheckout.PushOutcome.PUSHED) {
                if (commit != null) {
                    Log.infof(
                            "committed %s to branch %s of %s for %s",
                            commit.abbreviate(8).name(),
                            checkout.pushBranch(),
                            Redaction.url(destination.repoUrl()),
                            String.join(", ", apps));
                }
                return results;
            }
            Log.infof(
                    "branch %s of %s moved while we wrote to it (attempt %d of %d); applying the changes again on "
                            + "its new tip where their values still hold what we read",
                    checkout.pushBranch(), Redaction.url(destination.repoUrl()), attempt, attempts);
            checkout.moveToRemoteTip();
        }
        throw new GitWriteBackException("branch " + checkout.pushBranch() + " kept moving; gave up after " + attempts
                + " attempts (retried next cycle)");
    }

    /** The pull request settings of a proposed destination (of its first set), or {@code null} to push. */
    private static PullRequestSettings proposal(GitDestination destination, List<GitChangeSet> sets) {
        if (!destination.proposed()) {
            return null;
        }
        return sets.stream()
                .map(set -> set.config().pullRequest())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** The commit message template, rendered into the commit message (signed off when configured). */
    java.util.function.BiFunction<List<String>, List<PlannedChange>, String> message() {
        CommitMessage message = CommitMessage.fromFile(config.commitMessageFile());
        return (apps, changes) -> withSignOff(message.render(apps, changes));
    }

    /**
     * Per set: its {@link TreeEdit.Outcome}, or the error message that stops only this set. Applied again
     * ({@code first} given), a set that failed the first time keeps that failure, and the others change only values
     * that still hold what the first edit read.
     */
    static Map<GitChangeSet, Object> editAll(
            Path workTree, List<GitChangeSet> sets, String argocdNamespace, Map<GitChangeSet, Object> first) {
        Map<GitChangeSet, Object> edits = new LinkedHashMap<>();
        for (GitChangeSet set : sets) {
            Object before = first == null ? null : first.get(set);
            if (before instanceof String failure) {
                edits.put(set, failure);
                continue;
            }
            try {
                List<TreeEdit.ValueRead> reads = before instanceof TreeEdit.Outcome outcome ? outcome.reads() : null;
                edits.put(set, TreeEdit.apply(workTree, set, argocdNamespace, reads));
            } catch (RuntimeException e) {
                edits.put(set, "application " + set.app().ref() + ": git write-back failed: " + e.getMessage());
            }
        }
        return edits;
    }

    static List<WriteResult> results(List<GitChangeSet> sets, Map<GitChangeSet, Object> edits) {
        return sets.stream()
                .map(edits::get)
                .map(edit -> edit instanceof TreeEdit.Outcome outcome
                        ? new WriteResult(outcome.applied(), outcome.alreadyCurrent(), outcome.dropped(), null)
                        : WriteResult.failed((String) edit))
                .toList();
    }

    /** Says in the message which files the commit creates (a missing Helm values or Argo CD source file). */
    static String withCreated(String message, Set<String> created) {
        if (created.isEmpty()) {
            return message;
        }
        StringBuilder text = new StringBuilder(message.stripTrailing()).append("\n\n");
        created.forEach(file -> text.append("creates ").append(file).append(" (it did not exist)\n"));
        return text.toString();
    }

    PersonIdent author() {
        return new PersonIdent(config.commitUser(), config.commitEmail());
    }

    private String withSignOff(String message) {
        if (!config.commitSignOff()) {
            return message;
        }
        String trailer = "Signed-off-by: " + config.commitUser() + " <" + config.commitEmail() + ">";
        return message.contains(trailer) ? message : message.stripTrailing() + "\n\n" + trailer + "\n";
    }

    private String knownHosts(String argocdNamespace) throws IOException {
        StringBuilder text = new StringBuilder();
        credentialSource
                .knownHosts(argocdNamespace)
                .ifPresent(hosts -> text.append(hosts).append('\n'));
        Path file = Path.of(config.knownHostsPath());
        if (Files.isReadable(file)) {
            text.append(Files.readString(file)).append('\n');
        }
        return text.toString();
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(
                Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private static void delete(Path workspace) {
        if (workspace == null) {
            return;
        }
        try {
            FileUtils.delete(workspace.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            Log.warnf("could not remove the Git workspace %s: %s", workspace, e.getMessage());
        }
    }
}
