package io.imageupdater.argocd;

import io.imageupdater.image.ImageListEntry;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.List;
import java.util.Objects;

/**
 * Everything configured for one image of one Application, whichever way it was configured.
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
 * @param warnings           things the caller should log at WARN
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
        List<String> warnings) {

    public ImageSpec {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(entry, "entry");
        strategy = strategy == null ? UpdateStrategy.SEMVER : strategy;
        ignoreTags = ignoreTags == null ? List.of() : List.copyOf(ignoreTags);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        helm = helm == null ? HelmTarget.DEFAULTS : helm;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
