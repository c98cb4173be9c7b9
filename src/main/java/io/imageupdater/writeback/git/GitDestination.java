package io.imageupdater.writeback.git;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.image.ImageChange;
import io.imageupdater.writeback.PlannedChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Git write-back commits: the repository, the branch checked out, and the branch pushed to. Applications
 * with equal destinations in one cycle share one commit.
 *
 * @param repoUrl        the repository ({@code git-repository}, else the source's {@code repoURL})
 * @param checkoutBranch the branch to start from, or {@code null} for the remote's default branch
 * @param pushBranch     the branch to push to when it differs from the checkout branch ({@code base:target}), or
 *                       {@code null} to push to the checkout branch
 * @param pullRequest    for a change proposed as a pull request, the 8-character hash of its write-back target that
 *                       names the head branch ({@link #headBranch}); else {@code null}
 */
public record GitDestination(String repoUrl, String checkoutBranch, String pushBranch, String pullRequest) {
    /** Git allows longer names, but hosting services and file systems often do not. */
    public static final int MAX_BRANCH_LENGTH = 255;

    /** The prefix of every head branch this updater owns (and alone force-pushes and deletes). */
    public static final String HEAD_PREFIX = "image-updater/";

    public GitDestination {
        Objects.requireNonNull(repoUrl, "repoUrl");
        checkoutBranch = blankToNull(checkoutBranch);
        pushBranch = blankToNull(pushBranch);
        pullRequest = blankToNull(pullRequest);
        if (pushBranch != null && pushBranch.equals(checkoutBranch) || pullRequest != null) {
            pushBranch = null;
        }
    }

    public GitDestination(String repoUrl, String checkoutBranch, String pushBranch) {
        this(repoUrl, checkoutBranch, pushBranch, null);
    }

    /** Whether the change is proposed as a pull request from {@link #headBranch} into the base branch. */
    public boolean proposed() {
        return pullRequest != null;
    }

    /** The pull request's head branch for the given base: {@code image-updater/<base>/<8-char hash of target>}. */
    public String headBranch(String base) {
        return HEAD_PREFIX + base + "/" + pullRequest;
    }

    /**
     * The destination of one Application's changes: {@code git-branch} ({@code branch} or {@code base:target},
     * the target a template over {@code .Images}, {@code .SHA256}, {@code .AppName}, {@code .AppNamespace}), else
     * the source's {@code targetRevision} ({@code HEAD} or empty meaning the default branch).
     */
    public static GitDestination of(ArgoApplication app, WriteBackConfig config, List<PlannedChange> changes) {
        WriteSource source = WriteSource.of(app, config, changes);
        String repo = blankToNull(config.gitRepository()) != null
                ? config.gitRepository().strip()
                : blankToNull(source.repoUrl());
        if (repo == null) {
            throw new GitWriteBackException(
                    "application " + app.ref() + " has no source repoURL and no git-repository annotation");
        }
        String branch = blankToNull(config.gitBranch());
        if (config.pullRequest() != null) {
            String base =
                    branch == null ? null : branch.contains(":") ? branch.substring(0, branch.indexOf(':')) : branch;
            if (blankToNull(base) == null) {
                String revision = blankToNull(source.revision());
                base = revision == null || revision.equals("HEAD") ? null : revision;
            }
            return new GitDestination(
                    repo,
                    base == null || base.strip().equals("HEAD") ? null : base,
                    null,
                    targetHash(app, config, source.path()));
        }
        if (branch == null) {
            String revision = blankToNull(source.revision());
            return new GitDestination(repo, revision == null || revision.equals("HEAD") ? null : revision, null);
        }
        int colon = branch.indexOf(':');
        if (colon < 0) {
            return new GitDestination(repo, branch, null);
        }
        String base = branch.substring(0, colon).strip();
        String target = pushBranch(branch.substring(colon + 1).strip(), app, changes);
        return new GitDestination(
                repo, base.isEmpty() || base.equals("HEAD") ? null : base, target.isEmpty() ? null : target);
    }

    /** Whether the push goes to a branch the updater creates (never force-pushed either way). */
    public boolean newBranch() {
        return pushBranch != null;
    }

    /** The branch pushed to, or {@code null} for the remote's default branch. */
    public String branchPushed() {
        return pushBranch != null ? pushBranch : checkoutBranch;
    }

    @Override
    public String toString() {
        return repoUrl + " " + (checkoutBranch == null ? "(default branch)" : checkoutBranch)
                + (pushBranch == null ? "" : " -> " + pushBranch)
                + (pullRequest == null ? "" : " (pull request " + HEAD_PREFIX + "…/" + pullRequest + ")");
    }

    static String pushBranch(String template, ArgoApplication app, List<PlannedChange> changes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("AppName", app.name());
        data.put("AppNamespace", app.namespace());
        data.put("SHA256", sha256(changes));
        data.put(
                "Images",
                changes.stream()
                        .map(PlannedChange::change)
                        .map(change -> Map.of(
                                "Name", change.to().nameWithRegistry(),
                                "Alias", change.alias(),
                                "OldTag", ImageChange.version(change.from()),
                                "NewTag", ImageChange.version(change.to())))
                        .toList());
        String name = TextTemplate.parse(template).render(data);
        return name.length() > MAX_BRANCH_LENGTH ? name.substring(0, MAX_BRANCH_LENGTH) : name;
    }

    /**
     * The write-back target a pull request is for: the target setting (relative to the source path), or the
     * Application's own {@code .argocd-source-<app>.yaml} when none is set; hashed to 8 hex characters.
     */
    static String targetHash(ArgoApplication app, WriteBackConfig config, String sourcePath) {
        String path = sourcePath == null ? "" : sourcePath.strip();
        String target = blankToNull(config.target()) == null
                ? "argocd-source:" + app.namespace() + "/" + app.name()
                : config.target().strip();
        return hex(target + "@" + path).substring(0, 8);
    }

    private static String hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String sha256(List<PlannedChange> changes) {
        StringBuilder text = new StringBuilder();
        for (PlannedChange planned : changes) {
            ImageChange change = planned.change();
            // as upstream: "<image>-<old>-<new>," per change, so branch names match its
            text.append(change.to().nameWithRegistry())
                    .append('-')
                    .append(ImageChange.version(change.from()))
                    .append('-')
                    .append(ImageChange.version(change.to()))
                    .append(',');
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
