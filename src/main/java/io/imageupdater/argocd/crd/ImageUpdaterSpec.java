package io.imageupdater.argocd.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of an ImageUpdater resource, field for field as the CRD defines it. Every field may be
 * {@code null} (not set); merging and defaults happen in {@link ResourceSettings}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageUpdaterSpec(
        String namespace,
        UpdateSettings commonUpdateSettings,
        WriteBackSettings writeBackConfig,
        List<ApplicationRef> applicationRefs,
        ImagesVerification imagesVerification) {

    public ImageUpdaterSpec {
        applicationRefs = applicationRefs == null ? List.of() : List.copyOf(applicationRefs);
    }

    public ImageUpdaterSpec(
            String namespace,
            UpdateSettings commonUpdateSettings,
            WriteBackSettings writeBackConfig,
            List<ApplicationRef> applicationRefs) {
        this(namespace, commonUpdateSettings, writeBackConfig, applicationRefs, null);
    }

    /** One rule selecting Applications, with its overrides and images. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApplicationRef(
            String namePattern,
            Selector labelSelectors,
            Boolean useAnnotations,
            UpdateSettings commonUpdateSettings,
            WriteBackSettings writeBackConfig,
            List<ImageConfig> images,
            ImagesVerification imagesVerification) {
        public ApplicationRef {
            images = images == null ? List.of() : List.copyOf(images);
        }

        public ApplicationRef(
                String namePattern,
                Selector labelSelectors,
                Boolean useAnnotations,
                UpdateSettings commonUpdateSettings,
                WriteBackSettings writeBackConfig,
                List<ImageConfig> images) {
            this(namePattern, labelSelectors, useAnnotations, commonUpdateSettings, writeBackConfig, images, null);
        }

        public boolean annotations() {
            return Boolean.TRUE.equals(useAnnotations);
        }
    }

    /** {@code matchLabels} and {@code matchExpressions}, as in any Kubernetes label selector. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Selector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
        public Selector {
            matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
            matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
        }
    }

    /** One {@code matchExpressions} entry: {@code key}, {@code operator} (In, NotIn, Exists, DoesNotExist), {@code values}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** One image of a rule. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageConfig(
            String alias,
            String imageName,
            UpdateSettings commonUpdateSettings,
            ManifestTargets manifestTargets,
            ImagesVerification imagesVerification) {

        public ImageConfig(
                String alias, String imageName, UpdateSettings commonUpdateSettings, ManifestTargets manifestTargets) {
            this(alias, imageName, commonUpdateSettings, manifestTargets, null);
        }
    }

    /** Settings that apply at the top level, per rule and per image; {@code null} fields are inherited. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateSettings(
            String updateStrategy,
            Boolean forceUpdate,
            String allowTags,
            List<String> ignoreTags,
            String pullSecret,
            List<String> platforms,
            List<WindowSettings> updateWindows,
            Boolean requireApproval,
            RollbackSettings rollback,
            Boolean allowDowngrade,
            String minAge) {
        public static final UpdateSettings NONE =
                new UpdateSettings(null, null, null, null, null, null, null, null, null, null, null);

        public UpdateSettings {
            ignoreTags = ignoreTags == null ? null : List.copyOf(ignoreTags);
            platforms = platforms == null ? null : List.copyOf(platforms);
            updateWindows = updateWindows == null ? null : List.copyOf(updateWindows);
        }

        /** The settings without the safety fields (windows, approval, rollback, downgrade). */
        public UpdateSettings(
                String updateStrategy,
                Boolean forceUpdate,
                String allowTags,
                List<String> ignoreTags,
                String pullSecret,
                List<String> platforms) {
            this(
                    updateStrategy,
                    forceUpdate,
                    allowTags,
                    ignoreTags,
                    pullSecret,
                    platforms,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        /** These settings with every field {@code more} sets taken from it. */
        public UpdateSettings overriddenBy(UpdateSettings more) {
            if (more == null) {
                return this;
            }
            return new UpdateSettings(
                    pick(more.updateStrategy, updateStrategy),
                    pick(more.forceUpdate, forceUpdate),
                    pick(more.allowTags, allowTags),
                    pick(more.ignoreTags, ignoreTags),
                    pick(more.pullSecret, pullSecret),
                    pick(more.platforms, platforms),
                    pick(more.updateWindows, updateWindows),
                    pick(more.requireApproval, requireApproval),
                    rollback == null ? more.rollback : rollback.overriddenBy(more.rollback),
                    pick(more.allowDowngrade, allowDowngrade),
                    pick(more.minAge, minAge));
        }
    }

    /** A maintenance window: a 5-field cron {@code schedule} for its start, a {@code duration}, an IANA {@code timeZone}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowSettings(String schedule, String duration, String timeZone) {
        /** The annotation form {@code schedule|duration|timeZone}. */
        public String text() {
            return (schedule == null ? "" : schedule.strip()) + "|" + (duration == null ? "" : duration.strip()) + "|"
                    + (timeZone == null ? "" : timeZone.strip());
        }
    }

    /** Health-gated rollback: {@code onDegraded} turns it on, {@code window} is how long to watch (default 10m). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RollbackSettings(Boolean onDegraded, String window) {
        RollbackSettings overriddenBy(RollbackSettings more) {
            if (more == null) {
                return this;
            }
            return new RollbackSettings(pick(more.onDegraded, onDegraded), pick(more.window, window));
        }
    }

    /** The {@code writeBackConfig} block; {@code null} fields are inherited. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WriteBackSettings(String method, GitSettings gitConfig) {
        public static final WriteBackSettings NONE = new WriteBackSettings(null, null);

        public WriteBackSettings overriddenBy(WriteBackSettings more) {
            if (more == null) {
                return this;
            }
            GitSettings git = gitConfig == null ? more.gitConfig : gitConfig.overriddenBy(more.gitConfig);
            return new WriteBackSettings(pick(more.method, method), git);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GitSettings(String repository, String branch, String writeBackTarget, PullRequestSpec pullRequest) {
        public GitSettings(String repository, String branch, String writeBackTarget) {
            this(repository, branch, writeBackTarget, null);
        }

        GitSettings overriddenBy(GitSettings more) {
            if (more == null) {
                return this;
            }
            return new GitSettings(
                    pick(more.repository, repository),
                    pick(more.branch, branch),
                    pick(more.writeBackTarget, writeBackTarget),
                    pick(more.pullRequest, pullRequest));
        }
    }

    /**
     * {@code gitConfig.pullRequest}: exactly one provider block ({@code github: {}}, {@code gitlab: {}},
     * {@code gitea: {}}, {@code bitbucket: {}}, {@code azureDevOps: {}}), {@code labels}, and our additive
     * {@code autoMerge} ({@code false}, {@code true}, {@code squash}, {@code rebase}, {@code merge}; a boolean or a
     * string), {@code draft} and {@code reviewers}.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PullRequestSpec(
            Map<String, Object> github,
            Map<String, Object> gitlab,
            Map<String, Object> gitea,
            Map<String, Object> bitbucket,
            Map<String, Object> azureDevOps,
            List<String> labels,
            Object autoMerge,
            Boolean draft,
            List<String> reviewers) {}

    /**
     * Where an image is written: at most one of {@code helm}, {@code kustomize} and {@code plugin}, in the source
     * named {@code sourceName} (the default source when unset).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ManifestTargets(
            HelmSettings helm, KustomizeSettings kustomize, String sourceName, PluginSettings plugin) {
        public ManifestTargets(HelmSettings helm, KustomizeSettings kustomize) {
            this(helm, kustomize, null, null);
        }
    }

    /** The {@code plugin.env} entries that receive the image. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PluginSettings(String name, String tag, String spec) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HelmSettings(String name, String tag, String spec) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KustomizeSettings(String name) {}

    private static <T> T pick(T more, T less) {
        return more != null ? more : less;
    }
}
