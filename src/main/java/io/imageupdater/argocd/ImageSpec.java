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
        String constraintError) {

    public ImageSpec {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(filter, "filter");
        if ((selector == null) == (constraintError == null)) {
            throw new IllegalArgumentException("an image spec has either a selector or a constraint error");
        }
        strategy = strategy == null ? UpdateStrategy.SEMVER : strategy;
        ignoreTags = ignoreTags == null ? List.of() : List.copyOf(ignoreTags);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        helm = helm == null ? HelmTarget.DEFAULTS : helm;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
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
                TagFilter.of(allowTags, ignoreTags),
                warnings,
                Judged.of(entry, strategy, constraint));
    }

    private ImageSpec(
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
            TagFilter filter,
            List<String> warnings,
            Judged judged) {
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
                withFilterWarnings(warnings, filter),
                filter,
                judged.selector(),
                judged.error());
    }

    private static List<String> withFilterWarnings(List<String> warnings, TagFilter filter) {
        List<String> all = new ArrayList<>(warnings == null ? List.of() : warnings);
        all.addAll(filter.warnings());
        return all;
    }

    /** The constraint judged for the strategy: a selector, or why there is none. */
    private record Judged(TagSelector selector, String error) {
        static Judged of(ImageListEntry entry, UpdateStrategy strategy, String constraint) {
            try {
                return new Judged(
                        TagSelectors.of(strategy == null ? UpdateStrategy.SEMVER : strategy, constraint), null);
            } catch (InvalidConstraintException e) {
                return new Judged(null, "image " + entry.image() + ": " + e.getMessage());
            }
        }
    }
}
