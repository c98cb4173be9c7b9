package io.imageupdater.argocd;

import static io.imageupdater.argocd.Annotations.*;

import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.InvalidImageReferenceException;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses an Application's {@code argocd-image-updater.argoproj.io/*} annotations into an {@link ApplicationSpec}.
 * Pure: no I/O, no logging; problems come back as errors (per entry) and warnings (for the caller to log).
 */
public final class ApplicationSpecParser {

    private ApplicationSpecParser() {}

    /**
     * @param annotations the Application's annotations
     * @param appRef      how to name the Application in messages ({@code namespace/name})
     */
    public static ApplicationSpec parse(Map<String, String> annotations, String appRef) {
        Map<String, String> values = annotations == null ? Map.of() : annotations;
        List<String> warnings = new ArrayList<>();
        List<ImageSpecError> errors = new ArrayList<>();
        Optional<WriteBackConfig> writeBack = writeBack(values, appRef, warnings, errors);
        if (writeBack.isEmpty()) {
            // Without knowing where to write, no image of this Application may be updated.
            return new ApplicationSpec(List.of(), WriteBackConfig.ARGOCD, warnings, errors);
        }
        List<ImageSpec> images = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        String list = values.get(IMAGE_LIST);
        if (list != null) {
            for (String raw : list.split(",", -1)) {
                String text = raw.strip();
                if (text.isEmpty()) {
                    if (!list.isBlank()) {
                        warnings.add("application " + appRef + ": " + IMAGE_LIST + " holds an empty entry, skipped");
                    }
                    continue;
                }
                parseEntry(text, values, appRef, aliases)
                        .ifPresentOrElse(
                                spec -> ImageTrust.fromAnnotations(spec, values, appRef)
                                        .ifPresentOrElse(
                                                images::add,
                                                () -> errors.add(ImageTrust.error(text, spec, values, appRef))),
                                () -> errors.add(entryError(text, values, appRef, aliases)));
            }
        }
        return new ApplicationSpec(images, writeBack.get(), warnings, errors);
    }

    private static Optional<ImageSpec> parseEntry(
            String text, Map<String, String> values, String appRef, Set<String> aliases) {
        ImageListEntry entry;
        try {
            entry = ImageListEntry.parse(text);
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
        String alias = entry.aliasOrName();
        if (!aliases.add(alias)) {
            return Optional.empty();
        }
        return Optional.of(imageSpec(entry, alias, values, appRef));
    }

    /** Recomputes why {@link #parseEntry} rejected an entry, so the error names the cause. */
    private static ImageSpecError entryError(
            String text, Map<String, String> values, String appRef, Set<String> aliases) {
        String problem;
        try {
            ImageListEntry entry = ImageListEntry.parse(text);
            problem = "alias \"" + entry.aliasOrName() + "\" is used by an earlier entry";
        } catch (InvalidImageReferenceException e) {
            problem = e.getMessage();
        }
        return new ImageSpecError(
                text, "application " + appRef + ": image-list entry \"" + text + "\" is skipped: " + problem);
    }

    private static ImageSpec imageSpec(ImageListEntry entry, String alias, Map<String, String> values, String appRef) {
        List<String> warnings = new ArrayList<>();
        Setting strategySetting = setting(values, alias, UPDATE_STRATEGY_SUFFIX);
        UpdateStrategy strategy = strategy(strategySetting, appRef, alias, warnings);
        Setting force = setting(values, alias, FORCE_UPDATE_SUFFIX);
        boolean forceUpdate = bool(force, appRef, warnings);
        Setting allow = setting(values, alias, ALLOW_TAGS_SUFFIX);
        Setting ignore = setting(values, alias, IGNORE_TAGS_SUFFIX);
        Setting pullSecret = setting(values, alias, PULL_SECRET_SUFFIX);
        Setting platforms = setting(values, alias, PLATFORMS_SUFFIX);
        HelmTarget helm = new HelmTarget(
                perImage(values, alias, HELM_IMAGE_NAME_SUFFIX),
                perImage(values, alias, HELM_IMAGE_TAG_SUFFIX),
                perImage(values, alias, HELM_IMAGE_SPEC_SUFFIX));
        String kustomizeName = perImage(values, alias, KUSTOMIZE_IMAGE_NAME_SUFFIX);
        SafetySettings safety = safety(values, alias, appRef, warnings);
        PluginTarget plugin = new PluginTarget(
                perImage(values, alias, PLUGIN_IMAGE_NAME_SUFFIX),
                perImage(values, alias, PLUGIN_IMAGE_TAG_SUFFIX),
                perImage(values, alias, PLUGIN_IMAGE_SPEC_SUFFIX));
        return new ImageSpec(
                        alias,
                        entry,
                        entry.constraint(),
                        strategySetting.value(),
                        strategy,
                        forceUpdate,
                        allow.value(),
                        list(ignore.value()),
                        pullSecret.value(),
                        list(platforms.value()),
                        helm,
                        kustomizeName == null || kustomizeName.isBlank() ? null : kustomizeName.strip(),
                        warnings)
                .withSafety(safety)
                .inSource(perImage(values, alias, SOURCE_NAME_SUFFIX), plugin);
    }

    /**
     * The image's {@code update-windows}, {@code require-approval}, {@code rollback-on-degraded} and
     * {@code allow-downgrade} settings (per image, else application-wide).
     */
    private static SafetySettings safety(
            Map<String, String> values, String alias, String appRef, List<String> warnings) {
        Setting windows = setting(values, alias, UPDATE_WINDOWS_SUFFIX);
        Setting rollback = setting(values, alias, ROLLBACK_ON_DEGRADED_SUFFIX);
        List<String> problems = new ArrayList<>();
        List<String> windowList = windows.value() == null
                ? List.of()
                : Arrays.stream(windows.value().split(";"))
                        .map(String::strip)
                        .filter(text -> !text.isEmpty())
                        .toList();
        return new SafetySettings(
                windowList,
                bool(setting(values, alias, REQUIRE_APPROVAL_SUFFIX), appRef, warnings),
                SafetySettings.rollbackWindow(rollback.value(), rollback.key(), problems),
                bool(setting(values, alias, ALLOW_DOWNGRADE_SUFFIX), appRef, warnings),
                problems.stream()
                        .map(problem -> "application " + appRef + ": " + problem)
                        .toList());
    }

    private static UpdateStrategy strategy(Setting setting, String appRef, String alias, List<String> warnings) {
        if (setting.value() == null) {
            return UpdateStrategy.SEMVER;
        }
        Optional<UpdateStrategy> strategy = UpdateStrategy.fromValue(setting.value());
        if (strategy.isEmpty()) {
            warnings.add("application " + appRef + ": " + setting.key() + " names unknown update strategy \""
                    + setting.value() + "\", using semver for image " + alias);
            return UpdateStrategy.SEMVER;
        }
        if (strategy.get().isDeprecatedAlias(setting.value())) {
            warnings.add("application " + appRef + ": " + setting.key() + " value \"" + setting.value()
                    + "\" is deprecated, use \"" + strategy.get().value() + "\"");
        }
        return strategy.get();
    }

    private static boolean bool(Setting setting, String appRef, List<String> warnings) {
        if (setting.value() == null) {
            return false;
        }
        String value = setting.value().strip().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            warnings.add("application " + appRef + ": " + setting.key() + " value \"" + setting.value()
                    + "\" is not true or false, taken as false");
        }
        return value.equals("true");
    }

    private static Optional<WriteBackConfig> writeBack(
            Map<String, String> values, String appRef, List<String> warnings, List<ImageSpecError> errors) {
        String method = values.get(WRITE_BACK_METHOD);
        WriteBackMethod parsed = WriteBackMethod.ARGOCD;
        String credentials = null;
        if (method != null && !method.isBlank()) {
            String text = method.strip();
            if (text.equals("argocd")) {
                parsed = WriteBackMethod.ARGOCD;
            } else if (text.equals("git") || text.startsWith("git:")) {
                parsed = WriteBackMethod.GIT;
                credentials = text.equals("git") ? null : text.substring(4);
            } else {
                errors.add(
                        new ImageSpecError(
                                text,
                                "application " + appRef + ": " + WRITE_BACK_METHOD + " \"" + text
                                        + "\" is neither argocd nor git[:credentials]; no image of this application is updated"));
                return Optional.empty();
            }
        }
        PullRequestSettings pullRequest = null;
        String provider = strip(values.get(GIT_PULL_REQUEST));
        if (provider != null && !provider.isEmpty()) {
            try {
                pullRequest = new PullRequestSettings(
                        PullRequestSettings.Provider.parse(provider),
                        PullRequestSettings.splitLabels(values.get(GIT_PULL_REQUEST_LABELS)),
                        PullRequestSettings.AutoMerge.OFF,
                        false,
                        List.of());
            } catch (IllegalArgumentException e) {
                errors.add(new ImageSpecError(
                        provider,
                        "application " + appRef + ": " + GIT_PULL_REQUEST + ": " + e.getMessage()
                                + "; no image of this application is updated"));
                return Optional.empty();
            }
        }
        return Optional.of(new WriteBackConfig(
                parsed,
                credentials,
                strip(values.get(WRITE_BACK_TARGET)),
                strip(values.get(GIT_BRANCH)),
                strip(values.get(GIT_REPOSITORY)),
                pullRequest));
    }

    private static String notSupported(String appRef, String annotation) {
        return "application " + appRef + ": " + annotation + " is not supported yet";
    }

    /** The per-image value if set, else the application-wide one; with the key it came from. */
    private static Setting setting(Map<String, String> values, String alias, String suffix) {
        String perImage = forImage(alias, suffix);
        if (values.get(perImage) != null) {
            return new Setting(perImage, values.get(perImage).strip());
        }
        String appWide = forApplication(suffix);
        return new Setting(
                appWide,
                values.get(appWide) == null ? null : values.get(appWide).strip());
    }

    private static String perImage(Map<String, String> values, String alias, String suffix) {
        return values.get(forImage(alias, suffix));
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private record Setting(String key, String value) {}
}
