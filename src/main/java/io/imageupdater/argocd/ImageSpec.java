package io.imageupdater.argocd;

import io.imageupdater.image.ImageListEntry;
import io.imageupdater.strategy.InvalidConstraintException;
import io.imageupdater.strategy.TagFilter;
import io.imageupdater.strategy.TagSelector;
import io.imageupdater.strategy.TagSelectors;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything configured for one image of one Application, whichever way it was configured. Its filter and its
 * constraint are compiled and judged once, here, so that matching tags never compiles or fails.
 *
 * @param alias              the alias, or the image name when there is none
 * @param entry              the image-list entry
 * @param constraint         the version constraint (or tag to track), or {@code null}
 * @param strategyValue      the strategy as written, or {@code null} when not set
 * @param strategy           the resolved strategy ({@code semver} when unset or unknown)
 * @param forceUpdate        whether to update even when the image is not running
 * @param allowTags          the allow-tags expression as written ({@code regexp:…}, {@code any}), or {@code null}
 * @param ignoreTags         glob patterns of tags never to choose
 * @param pullSecret         the pull secret reference, or {@code null}
 * @param platforms          wanted platforms ({@code linux/amd64}) as written; empty means the updater's own
 * @param helm               the Helm parameters to write to
 * @param kustomizeImageName the Kustomize image to replace, or {@code null} for the image itself
 * @param warnings           things the caller should log at WARN (naming the Application and the image)
 * @param filter             {@code allowTags} and {@code ignoreTags}, compiled
 * @param selector           the strategy with its constraint, or {@code null} when the constraint is invalid
 * @param constraintError    why the constraint is invalid (naming the image and the constraint), or {@code null}
 * @param safety             update windows, approvals, rollback and downgrade settings
 * @param sourceName         the {@code name} of the Application source the image lives in, or {@code null} for the
 *                           default source (the first Helm, Kustomize or Plugin source)
 * @param plugin             the plugin {@code env} entries to write to, or {@code null} for
 *                           {@link PluginTarget#DEFAULTS}
 * @param verification       signature verification, or {@code null} when not enabled
 * @param minAge             the minimum age of a candidate ({@code min-age}), or {@code null} for none
 */
public record ImageSpec(
        String alias,
        ImageListEntry entry,
        String constraint,
        String strategyValue,
        UpdateStrategy strategy,
        boolean forceUpdate,
        String allowTags,
        List<String> ignoreTags,
        String pullSecret,
        List<String> platforms,
        HelmTarget helm,
        String kustomizeImageName,
        List<String> warnings,
        TagFilter filter,
        TagSelector selector,
        String constraintError,
        SafetySettings safety,
        String sourceName,
        PluginTarget plugin,
        VerificationSettings verification,
        java.time.Duration minAge) {

    /**
     * With no {@code filter}, the spec of settings as written: the filter is compiled (its warnings joining
     * {@code warnings}) and the constraint judged, once; {@code selector} and {@code constraintError} are then ignored.
     */
    public ImageSpec {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(entry, "entry");
        strategy = strategy == null ? UpdateStrategy.SEMVER : strategy;
        if (filter == null) {
            filter = TagFilter.of(allowTags, ignoreTags);
            warnings = withFilterWarnings(warnings, filter);
            try {
                selector = TagSelectors.of(strategy, constraint);
                constraintError = null;
            } catch (InvalidConstraintException e) {
                selector = null;
                constraintError = "image " + entry.image() + ": " + e.getMessage();
            }
        }
        if ((selector == null) == (constraintError == null)) {
            throw new IllegalArgumentException("an image spec has either a selector or a constraint error");
        }
        ignoreTags = ignoreTags == null ? List.of() : List.copyOf(ignoreTags);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        helm = helm == null ? HelmTarget.DEFAULTS : helm;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        safety = safety == null ? SafetySettings.NONE : safety;
        sourceName = sourceName == null || sourceName.isBlank() ? null : sourceName.strip();
        plugin = plugin == null ? PluginTarget.DEFAULTS : plugin;
    }

    /** A spec for the default source with the default plugin target. */
    public ImageSpec(
            String alias,
            ImageListEntry entry,
            String constraint,
            String strategyValue,
            UpdateStrategy strategy,
            boolean forceUpdate,
            String allowTags,
            List<String> ignoreTags,
            String pullSecret,
            List<String> platforms,
            HelmTarget helm,
            String kustomizeImageName,
            List<String> warnings,
            TagFilter filter,
            TagSelector selector,
            String constraintError) {
        this(
                alias,
                entry,
                constraint,
                strategyValue,
                strategy,
                forceUpdate,
                allowTags,
                ignoreTags,
                pullSecret,
                platforms,
                helm,
                kustomizeImageName,
                warnings,
                filter,
                selector,
                constraintError,
                null,
                null,
                null,
                null,
                null);
    }

    /** This spec, its image living in the source named {@code sourceName} and written to {@code plugin}. */
    public ImageSpec inSource(String sourceName, PluginTarget plugin) {
        return with(safety, sourceName, plugin, verification, minAge);
    }

    /** The spec of settings as written: compiles the filter and judges the constraint (once). */
    public ImageSpec(
            String alias,
            ImageListEntry entry,
            String constraint,
            String strategyValue,
            UpdateStrategy strategy,
            boolean forceUpdate,
            String allowTags,
            List<String> ignoreTags,
            String pullSecret,
            List<String> platforms,
            HelmTarget helm,
            String kustomizeImageName,
            List<String> warnings) {
        this(
                alias,
                entry,
                constraint,
                strategyValue,
                strategy,
                forceUpdate,
                allowTags,
                ignoreTags,
                pullSecret,
                platforms,
                helm,
                kustomizeImageName,
                warnings,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This spec with other safety settings (nothing is compiled again). */
    public ImageSpec withSafety(SafetySettings settings) {
        return with(settings, sourceName, plugin, verification, minAge);
    }

    /** This spec with signature verification ({@code null}: none) and a minimum age ({@code null}: none). */
    public ImageSpec withTrust(VerificationSettings verification, java.time.Duration minAge) {
        return with(safety, sourceName, plugin, verification, minAge);
    }

    /** This spec with other settings of the later groups; the filter and selector are kept, not compiled again. */
    private ImageSpec with(
            SafetySettings safety,
            String sourceName,
            PluginTarget plugin,
            VerificationSettings verification,
            java.time.Duration minAge) {
        return new ImageSpec(
                alias,
                entry,
                constraint,
                strategyValue,
                strategy,
                forceUpdate,
                allowTags,
                ignoreTags,
                pullSecret,
                platforms,
                helm,
                kustomizeImageName,
                warnings,
                filter,
                selector,
                constraintError,
                safety,
                sourceName,
                plugin,
                verification,
                minAge);
    }

    private static List<String> withFilterWarnings(List<String> warnings, TagFilter filter) {
        List<String> all = new ArrayList<>(warnings == null ? List.of() : warnings);
        all.addAll(filter.warnings());
        return all;
    }
}
