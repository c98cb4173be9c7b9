package io.imageupdater.strategy;

import java.util.Objects;

/** Builds the selector for a strategy, validating its constraint eagerly. */
public final class TagSelectors {

    private TagSelectors() {}

    /**
     * The selector for {@code strategy}. The constraint is the version constraint for {@code semver}, the tag
     * to track for {@code digest}, and ignored by {@code alphabetical} and {@code newest-build}.
     *
     * @throws InvalidConstraintException when the constraint is not usable by the strategy
     */
    public static TagSelector of(UpdateStrategy strategy, String constraint) {
        Objects.requireNonNull(strategy, "strategy");
        return switch (strategy) {
            case SEMVER -> new SemverSelector(constraint);
            case NEWEST_BUILD -> new NewestBuildSelector();
            case DIGEST -> new DigestSelector(constraint);
            case ALPHABETICAL -> new AlphabeticalSelector(constraint);
        };
    }
}
