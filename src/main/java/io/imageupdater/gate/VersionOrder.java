package io.imageupdater.gate;

import io.imageupdater.image.Tag;
import io.imageupdater.strategy.SemanticVersion;
import io.imageupdater.strategy.TagSelectors;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.List;
import java.util.Optional;

/**
 * Pure: whether one version is older than another by a strategy's own order, ignoring its constraint (so a changed
 * constraint never makes an older version look newer). {@code semver} compares versions (pre-releases below their
 * release), {@code alphabetical} names, {@code newest-build} build times; {@code digest} tracks one tag and has no
 * order. Versions that cannot be ordered (a non-semver tag, an unknown build time) are never older.
 */
public final class VersionOrder {

    private VersionOrder() {}

    /** Whether {@code version} is older than {@code than} by {@code strategy}. */
    public static boolean older(UpdateStrategy strategy, Tag version, Tag than) {
        if (version == null || than == null || version.name().equals(than.name())) {
            return false;
        }
        return switch (strategy) {
            case DIGEST -> false;
            case SEMVER -> {
                Optional<SemanticVersion> a = SemanticVersion.parse(version.name());
                Optional<SemanticVersion> b = SemanticVersion.parse(than.name());
                yield a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) < 0;
            }
            case NEWEST_BUILD ->
                version.created() != null
                        && than.created() != null
                        && version.created().isBefore(than.created());
            case ALPHABETICAL ->
                TagSelectors.of(strategy, null)
                        .choose(List.of(version, than))
                        .map(chosen -> chosen.name().equals(than.name()))
                        .orElse(false);
        };
    }

    /**
     * The no-downgrade gate: whether writing {@code candidate} over {@code running} would go back to an older version.
     * Always false when downgrades are allowed.
     */
    public static boolean downgrade(UpdateStrategy strategy, Tag candidate, Tag running, boolean allowDowngrade) {
        return !allowDowngrade && older(strategy, candidate, running);
    }
}
