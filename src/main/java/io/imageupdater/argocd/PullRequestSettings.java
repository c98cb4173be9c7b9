package io.imageupdater.argocd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a Git write-back is proposed as a pull request instead of pushed to its branch
 * ({@code writeBackConfig.gitConfig.pullRequest}, or the {@code git-pull-request} annotations).
 *
 * @param provider  the forge whose API opens the pull request
 * @param labels    labels to set: trimmed, without blanks and duplicates, at most {@value #MAX_LABELS}
 * @param autoMerge whether and how the forge merges it once its checks pass
 * @param draft     open it as a draft
 * @param reviewers users (or {@code org/team} on GitHub) asked to review
 */
public record PullRequestSettings(
        Provider provider, List<String> labels, AutoMerge autoMerge, boolean draft, List<String> reviewers) {
    public static final int MAX_LABELS = 100;

    public PullRequestSettings {
        Objects.requireNonNull(provider, "provider");
        labels = clean(labels, MAX_LABELS);
        autoMerge = autoMerge == null ? AutoMerge.OFF : autoMerge;
        reviewers = clean(reviewers, Integer.MAX_VALUE);
    }

    public static PullRequestSettings of(Provider provider) {
        return new PullRequestSettings(provider, List.of(), AutoMerge.OFF, false, List.of());
    }

    /** Comma-separated labels, as the {@code git-pull-request-labels} annotation holds them. */
    public static List<String> splitLabels(String text) {
        return text == null ? List.of() : List.of(text.split(","));
    }

    private static List<String> clean(List<String> values, int max) {
        if (values == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank() && kept.size() < max) {
                kept.add(value.strip());
            }
        }
        return List.copyOf(new ArrayList<>(kept));
    }

    /** The forges; {@link #key()} is the name in the CR and the annotation. */
    public enum Provider {
        GITHUB("github"),
        GITLAB("gitlab"),
        GITEA("gitea"),
        BITBUCKET("bitbucket"),
        AZURE_DEVOPS("azureDevOps");

        private final String key;

        Provider(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** {@code github}, {@code gitlab}, {@code gitea} (or {@code forgejo}), {@code bitbucket}, {@code azureDevOps}. */
        public static Provider parse(String text) {
            String value =
                    text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("-", "");
            return switch (value) {
                case "github" -> GITHUB;
                case "gitlab" -> GITLAB;
                case "gitea", "forgejo" -> GITEA;
                case "bitbucket", "bitbucketcloud", "bitbucketserver", "bitbucketdatacenter" -> BITBUCKET;
                case "azuredevops", "azure" -> AZURE_DEVOPS;
                default ->
                    throw new IllegalArgumentException("pull request provider \"" + text
                            + "\" is none of github, gitlab, gitea, forgejo, bitbucket, azureDevOps");
            };
        }
    }

    /** {@code false} (off), {@code true} (the repository's default method), or a merge method. */
    public enum AutoMerge {
        OFF,
        DEFAULT,
        SQUASH,
        REBASE,
        MERGE;

        public boolean enabled() {
            return this != OFF;
        }

        /** {@code false}, {@code true}, {@code squash}, {@code rebase}, {@code merge}; empty is off. */
        public static AutoMerge parse(String text) {
            String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "", "false" -> OFF;
                case "true" -> DEFAULT;
                case "squash" -> SQUASH;
                case "rebase" -> REBASE;
                case "merge" -> MERGE;
                default ->
                    throw new IllegalArgumentException(
                            "autoMerge \"" + text + "\" is none of false, true, squash, rebase, merge");
            };
        }
    }
}
