package io.imageupdater.writeback.git;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * A shallow, single-branch clone of one destination in a workspace directory, with the three Git steps the
 * write-back needs: commit what changed, push without force, and move to the remote's new tip after a rejection.
 */
final class RepositoryCheckout implements AutoCloseable {
    private static final String HEADS = Constants.R_HEADS;

    /** What a push did. */
    enum PushOutcome {
        PUSHED,
        /** The branch moved on the remote since we fetched it: fetch, re-apply, push again. */
        BRANCH_MOVED
    }

    private final Git git;
    private final GitTransport transport;
    private final String repoUrl;
    private final String pushBranch;

    private final String baseBranch;
    private final Map<String, Ref> remoteRefs;

    private RepositoryCheckout(
            Git git,
            GitTransport transport,
            String repoUrl,
            String pushBranch,
            String baseBranch,
            Map<String, Ref> remoteRefs) {
        this.git = git;
        this.transport = transport;
        this.repoUrl = repoUrl;
        this.pushBranch = pushBranch;
        this.baseBranch = baseBranch;
        this.remoteRefs = Map.copyOf(remoteRefs);
    }

    /**
     * Clones the destination's branch into {@code directory}: the push branch when it already exists on the
     * remote (a branch this updater created earlier), else the checkout branch, else the remote's default branch.
     */
    static RepositoryCheckout clone(GitDestination destination, GitTransport transport, Path directory)
            throws GitAPIException {
        Map<String, Ref> remote = transport
                .authenticate(Git.lsRemoteRepository().setRemote(destination.repoUrl()))
                .callAsMap();
        String checkout = destination.checkoutBranch() != null
                ? destination.checkoutBranch()
                : defaultBranch(destination.repoUrl(), remote);
        if (!remote.containsKey(HEADS + checkout)) {
            throw new GitWriteBackException("branch " + checkout + " does not exist in " + destination.repoUrl());
        }
        String push = destination.proposed()
                ? destination.headBranch(checkout)
                : destination.pushBranch() != null ? destination.pushBranch() : checkout;
        // a proposal always starts from the base: its head branch is rebuilt (and force-pushed) each time
        String start = !destination.proposed() && remote.containsKey(HEADS + push) ? push : checkout;
        File dir = directory.toFile();
        Git git = transport
                .authenticate(Git.cloneRepository()
                        .setURI(destination.repoUrl())
                        .setDirectory(dir)
                        .setBranch(HEADS + start)
                        .setBranchesToClone(List.of(HEADS + start))
                        .setCloneAllBranches(false)
                        .setDepth(1)
                        .setNoTags())
                .call();
        return new RepositoryCheckout(git, transport, destination.repoUrl(), push, checkout, remote);
    }

    private static String defaultBranch(String repoUrl, Map<String, Ref> refs) {
        Ref head = refs.get(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(HEADS)) {
            return head.getTarget().getName().substring(HEADS.length());
        }
        if (head != null && head.getObjectId() != null) {
            for (String candidate : List.of("main", "master")) {
                Ref ref = refs.get(HEADS + candidate);
                if (ref != null && head.getObjectId().equals(ref.getObjectId())) {
                    return candidate;
                }
            }
        }
        throw new GitWriteBackException("cannot tell the default branch of " + repoUrl + "; set git-branch");
    }

    Path workTree() {
        return git.getRepository().getWorkTree().toPath();
    }

    /** The branch pushed to. */
    String pushBranch() {
        return pushBranch;
    }

    String repoUrl() {
        return repoUrl;
    }

    /** The branch checked out (a pull request's base). */
    String baseBranch() {
        return baseBranch;
    }

    /** Whether the remote had the branch when we cloned. */
    boolean remoteHas(String branch) {
        return remoteRefs.containsKey(HEADS + branch);
    }

    /**
     * Whether the remote's push branch already holds exactly this commit's tree on top of the same parent (a
     * proposal that changed nothing since it was last pushed), so that it need not be pushed again.
     */
    boolean remoteHeadHolds(RevCommit commit) throws GitAPIException {
        if (!remoteHas(pushBranch)) {
            return false;
        }
        String tracking = Constants.R_REMOTES + "origin/" + pushBranch;
        transport
                .authenticate(git.fetch()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec("+" + HEADS + pushBranch + ":" + tracking))
                        .setDepth(2))
                .call();
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            Ref ref = git.getRepository().exactRef(tracking);
            if (ref == null) {
                return false;
            }
            RevCommit remote = walk.parseCommit(ref.getObjectId());
            return remote.getTree().equals(commit.getTree())
                    && remote.getParentCount() == 1
                    && commit.getParentCount() == 1
                    && remote.getParent(0).equals(commit.getParent(0));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Force-pushes {@code HEAD} to the pull request's head branch. Only a branch under
     * {@link GitDestination#HEAD_PREFIX} (ours) is ever forced.
     */
    void forcePushHead() throws GitAPIException {
        requireOwn(pushBranch);
        check(transport
                .authenticate(git.push()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec("+HEAD:" + HEADS + pushBranch))
                        .setForce(true))
                .call());
    }

    /** Deletes our head branch on the remote, when it is there. */
    void deleteRemoteHead() throws GitAPIException {
        requireOwn(pushBranch);
        if (!remoteHas(pushBranch)) {
            return;
        }
        check(transport
                .authenticate(git.push().setRemote("origin").setRefSpecs(new RefSpec(":" + HEADS + pushBranch)))
                .call());
    }

    private static void requireOwn(String branch) {
        if (!branch.startsWith(GitDestination.HEAD_PREFIX)) {
            throw new IllegalStateException("refusing to force-push or delete branch " + branch);
        }
    }

    private void check(Iterable<PushResult> results) {
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE, NON_EXISTING -> {}
                    default ->
                        throw new GitWriteBackException("pushing to branch " + pushBranch + " of " + repoUrl
                                + " was rejected: "
                                + (update.getMessage() == null ? update.getStatus() : update.getMessage()));
                }
            }
        }
    }

    /** Commits the given files; returns {@code null} when the tree is unchanged. */
    RevCommit commit(Collection<String> files, String message, PersonIdent author) throws GitAPIException {
        return commit(files, message, author, CommitSigning.NONE);
    }

    /** Commits the given files, signed as {@code signing} says; returns {@code null} when the tree is unchanged. */
    RevCommit commit(Collection<String> files, String message, PersonIdent author, CommitSigning signing)
            throws GitAPIException {
        var add = git.add();
        files.forEach(add::addFilepattern);
        add.call();
        if (git.status().call().getUncommittedChanges().isEmpty()) {
            return null;
        }
        var commit = git.commit()
                .setMessage(message)
                .setAuthor(author)
                .setCommitter(author)
                .setAllowEmpty(false);
        signing.apply(commit);
        return commit.call();
    }

    /** Pushes {@code HEAD} to the push branch, never forcing. */
    PushOutcome push() throws GitAPIException {
        Iterable<PushResult> results = transport
                .authenticate(git.push()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec("HEAD:" + HEADS + pushBranch))
                        .setForce(false))
                .call();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> {}
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                        return PushOutcome.BRANCH_MOVED;
                    }
                    default -> {
                        String why =
                                update.getMessage() == null ? update.getStatus().toString() : update.getMessage();
                        if (why.contains("fast-forward")
                                || why.contains("fast forward")
                                || why.contains("fetch first")) {
                            return PushOutcome.BRANCH_MOVED;
                        }
                        throw new GitWriteBackException(
                                "pushing to branch " + pushBranch + " of " + repoUrl + " was rejected: " + why);
                    }
                }
            }
        }
        return PushOutcome.PUSHED;
    }

    /** Moves the work tree to the remote's current tip of the push branch, dropping our local commit. */
    void moveToRemoteTip() throws GitAPIException {
        String tracking = Constants.R_REMOTES + "origin/" + pushBranch;
        transport
                .authenticate(git.fetch()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec("+" + HEADS + pushBranch + ":" + tracking))
                        .setDepth(1))
                .call();
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tracking).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
