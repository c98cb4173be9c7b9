package io.imageupdater.argocd.crd;

import io.imageupdater.GoDuration;
import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.HelmTarget;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.ImageSpecError;
import io.imageupdater.argocd.PluginTarget;
import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.SafetySettings;
import io.imageupdater.argocd.VerificationSettings;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ApplicationRef;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.GitSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ImageConfig;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ManifestTargets;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.RollbackSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.UpdateSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.WindowSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.WriteBackSettings;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.InvalidImageReferenceException;
import io.imageupdater.strategy.UpdateStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an ImageUpdater rule into the same {@link ApplicationSpec} the annotations produce. Settings merge
 * field by field: top level, then the rule, then the image, the most specific level that sets a field winning.
 * Pure: problems come back as errors and warnings.
 */
public final class ResourceSettings {

    private ResourceSettings() {}

    /** The spec of an Application taken by {@code rule} of {@code resource}. */
    public static ApplicationSpec applicationSpec(
            ImageUpdaterResource resource, ApplicationRule rule, ArgoApplication application) {
        ApplicationRef ref = rule.ref();
        if (ref.annotations()) {
            return ApplicationSpecParser.parse(application.annotations(), application.ref());
        }
        String where = "ImageUpdater " + resource.ref() + " " + rule.describe();
        List<ImageSpecError> errors = new ArrayList<>();
        WriteBackConfig writeBack;
        try {
            writeBack = writeBack(resource.spec(), ref);
        } catch (IllegalArgumentException e) {
            errors.add(new ImageSpecError(
                    String.valueOf(ref.writeBackConfig()),
                    where + ": " + e.getMessage() + "; no image of application " + application.ref() + " is updated"));
            return new ApplicationSpec(List.of(), WriteBackConfig.ARGOCD, List.of(), errors);
        }
        UpdateSettings inherited = UpdateSettings.NONE
                .overriddenBy(resource.spec().commonUpdateSettings())
                .overriddenBy(ref.commonUpdateSettings());
        List<ImageSpec> images = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        for (ImageConfig image : ref.images()) {
            String text = image.alias() + "=" + image.imageName();
            if (!aliases.add(String.valueOf(image.alias()))) {
                errors.add(new ImageSpecError(
                        text, where + ": alias \"" + image.alias() + "\" is used twice; the second is skipped"));
                continue;
            }
            try {
                ImageListEntry entry = ImageListEntry.parse(text);
                UpdateSettings settings = inherited.overriddenBy(image.commonUpdateSettings());
                ImageSpec spec = imageSpec(entry, settings, image.manifestTargets());
                images.add(withTrust(spec, resource, ref, image, settings));
            } catch (IllegalArgumentException e) {
                errors.add(new ImageSpecError(
                        text, where + ": image \"" + image.alias() + "\" is skipped: " + e.getMessage()));
            } catch (InvalidImageReferenceException e) {
                errors.add(new ImageSpecError(
                        text, where + ": image \"" + image.alias() + "\" is skipped: " + e.getMessage()));
            }
        }
        return new ApplicationSpec(images, writeBack, List.of(), errors);
    }

    static ImageSpec imageSpec(ImageListEntry entry, UpdateSettings settings, ManifestTargets targets) {
        UpdateStrategy strategy =
                UpdateStrategy.fromValue(settings.updateStrategy()).orElse(UpdateStrategy.SEMVER);
        HelmTarget helm = targets == null || targets.helm() == null
                ? HelmTarget.DEFAULTS
                : new HelmTarget(
                        targets.helm().name(),
                        targets.helm().tag(),
                        targets.helm().spec());
        String kustomize = targets == null || targets.kustomize() == null
                ? null
                : targets.kustomize().name();
        List<String> warnings = new ArrayList<>();
        if (settings.updateStrategy() != null && strategy.isDeprecatedAlias(settings.updateStrategy())) {
            warnings.add("update strategy \"" + settings.updateStrategy() + "\" is deprecated, use \""
                    + strategy.value() + "\"");
        }
        PluginTarget plugin = targets == null || targets.plugin() == null
                ? PluginTarget.DEFAULTS
                : new PluginTarget(
                        targets.plugin().name(),
                        targets.plugin().tag(),
                        targets.plugin().spec());
        return new ImageSpec(
                        entry.aliasOrName(),
                        entry,
                        entry.constraint(),
                        settings.updateStrategy(),
                        strategy,
                        Boolean.TRUE.equals(settings.forceUpdate()),
                        blankToNull(settings.allowTags()),
                        settings.ignoreTags(),
                        blankToNull(settings.pullSecret()),
                        settings.platforms(),
                        helm,
                        kustomize == null || kustomize.isBlank() ? null : kustomize.strip(),
                        warnings)
                .withSafety(safety(settings))
                .inSource(targets == null ? null : targets.sourceName(), plugin);
    }

    /** The safety fields of merged settings; a bad rollback window is a problem of the image. */
    static SafetySettings safety(UpdateSettings settings) {
        List<String> problems = new ArrayList<>();
        List<String> windows = settings.updateWindows() == null
                ? List.of()
                : settings.updateWindows().stream().map(WindowSettings::text).toList();
        RollbackSettings rollback = settings.rollback();
        Duration window = null;
        if (rollback != null && Boolean.TRUE.equals(rollback.onDegraded())) {
            window = rollback.window() == null || rollback.window().isBlank()
                    ? SafetySettings.DEFAULT_ROLLBACK_WINDOW
                    : SafetySettings.rollbackWindow(rollback.window(), "rollback.window", problems);
        }
        return new SafetySettings(
                windows,
                Boolean.TRUE.equals(settings.requireApproval()),
                window,
                Boolean.TRUE.equals(settings.allowDowngrade()),
                problems);
    }

    /**
     * The image's {@code imagesVerification} (top level, rule, image; most specific wins) and {@code minAge}.
     *
     * @throws IllegalArgumentException naming an invalid combination or duration
     */
    static ImageSpec withTrust(
            ImageSpec spec,
            ImageUpdaterResource resource,
            ApplicationRef ref,
            ImageConfig image,
            UpdateSettings settings) {
        VerificationSettings verification;
        try {
            verification = ImagesVerification.NONE
                    .overriddenBy(resource.spec().imagesVerification())
                    .overriddenBy(ref.imagesVerification())
                    .overriddenBy(image.imagesVerification())
                    .settings(resource.namespace());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("imagesVerification: " + e.getMessage());
        }
        Duration minAge = null;
        if (settings.minAge() != null && !settings.minAge().isBlank()) {
            try {
                minAge = GoDuration.parse(settings.minAge());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "commonUpdateSettings.minAge \"" + settings.minAge() + "\" is not a duration such as 24h");
            }
            if (minAge.isNegative()) {
                throw new IllegalArgumentException(
                        "commonUpdateSettings.minAge \"" + settings.minAge() + "\" is negative");
            }
        }
        return verification == null && minAge == null ? spec : spec.withTrust(verification, minAge);
    }

    /** The merged write-back of a rule; throws {@link IllegalArgumentException} naming a bad method. */
    static WriteBackConfig writeBack(ImageUpdaterSpec spec, ApplicationRef ref) {
        WriteBackSettings merged =
                WriteBackSettings.NONE.overriddenBy(spec.writeBackConfig()).overriddenBy(ref.writeBackConfig());
        String method = merged.method() == null || merged.method().isBlank()
                ? "argocd"
                : merged.method().strip();
        GitSettings git = merged.gitConfig() == null ? new GitSettings(null, null, null) : merged.gitConfig();
        WriteBackMethod parsed;
        String credentials = null;
        if (method.equals("argocd")) {
            parsed = WriteBackMethod.ARGOCD;
        } else if (method.equals("git") || method.startsWith("git:") && method.length() > 4) {
            parsed = WriteBackMethod.GIT;
            credentials = method.equals("git") ? null : method.substring(4);
        } else {
            throw new IllegalArgumentException(
                    "writeBackConfig.method \"" + method + "\" is neither argocd nor git[:credentials]");
        }
        return new WriteBackConfig(
                parsed,
                credentials,
                blankToNull(git.writeBackTarget()),
                blankToNull(git.branch()),
                blankToNull(git.repository()),
                pullRequest(git.pullRequest()));
    }

    /** {@code gitConfig.pullRequest}, or {@code null}; throws {@link IllegalArgumentException} naming what is wrong. */
    static PullRequestSettings pullRequest(ImageUpdaterSpec.PullRequestSpec spec) {
        if (spec == null) {
            return null;
        }
        List<PullRequestSettings.Provider> providers = new ArrayList<>();
        if (spec.github() != null) providers.add(PullRequestSettings.Provider.GITHUB);
        if (spec.gitlab() != null) providers.add(PullRequestSettings.Provider.GITLAB);
        if (spec.gitea() != null) providers.add(PullRequestSettings.Provider.GITEA);
        if (spec.bitbucket() != null) providers.add(PullRequestSettings.Provider.BITBUCKET);
        if (spec.azureDevOps() != null) providers.add(PullRequestSettings.Provider.AZURE_DEVOPS);
        if (providers.size() != 1) {
            throw new IllegalArgumentException("writeBackConfig.gitConfig.pullRequest must name exactly one provider "
                    + "(github, gitlab, gitea, bitbucket, azureDevOps), not " + providers.size());
        }
        PullRequestSettings.AutoMerge autoMerge;
        try {
            autoMerge = PullRequestSettings.AutoMerge.parse(
                    spec.autoMerge() == null ? null : spec.autoMerge().toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("writeBackConfig.gitConfig.pullRequest." + e.getMessage());
        }
        return new PullRequestSettings(
                providers.get(0), spec.labels(), autoMerge, Boolean.TRUE.equals(spec.draft()), spec.reviewers());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
