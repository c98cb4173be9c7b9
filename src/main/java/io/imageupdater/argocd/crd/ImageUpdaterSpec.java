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
            String minAge) {
        public static final UpdateSettings NONE = new UpdateSettings(null, null, null, null, null, null, null);

        public UpdateSettings(
                String updateStrategy,
                Boolean forceUpdate,
                String allowTags,
                List<String> ignoreTags,
                String pullSecret,
                List<String> platforms) {
            this(updateStrategy, forceUpdate, allowTags, ignoreTags, pullSecret, platforms, null);
        }

        public UpdateSettings {
            ignoreTags = ignoreTags == null ? null : List.copyOf(ignoreTags);
            platforms = platforms == null ? null : List.copyOf(platforms);
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
                    pick(more.minAge, minAge));
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
    public record GitSettings(String repository, String branch, String writeBackTarget) {
        GitSettings overriddenBy(GitSettings more) {
            if (more == null) {
                return this;
            }
            return new GitSettings(
                    pick(more.repository, repository),
                    pick(more.branch, branch),
                    pick(more.writeBackTarget, writeBackTarget));
        }
    }

    /** Where an image is written: exactly one of {@code helm} and {@code kustomize}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ManifestTargets(HelmSettings helm, KustomizeSettings kustomize) {}

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
