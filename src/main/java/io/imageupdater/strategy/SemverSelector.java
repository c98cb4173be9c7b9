package io.imageupdater.strategy;

import io.imageupdater.image.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code semver} strategy: the highest version the constraint allows wins. Tags that are not versions
 * are dropped. Without a constraint the highest release wins (pre-releases excluded). Equal versions
 * written differently ({@code 1.0}, {@code 1.0.0}, {@code v1.0.0}) go to the greatest tag text.
 *
 * @param constraint the parsed constraint; blank allows every release
 */
public record SemverSelector(VersionConstraint constraint) implements TagSelector {

    private record Candidate(Tag tag, SemanticVersion version) {}

    private static final Comparator<Candidate> HIGHEST =
            Comparator.comparing(Candidate::version).thenComparing(c -> c.tag().name());

    public SemverSelector {
        Objects.requireNonNull(constraint, "constraint");
    }

    /**
     * @throws InvalidConstraintException when {@code constraint} is not blank and not a constraint
     */
    public SemverSelector(String constraint) {
        this(VersionConstraint.parse(constraint));
    }

    @Override
    public List<Tag> eligible(List<Tag> tags) {
        return tags.stream().filter(t -> constraint.allows(t.name())).toList();
    }

    @Override
    public Optional<Tag> choose(List<Tag> eligible) {
        return eligible.stream()
                .flatMap(t -> VersionConstraint.version(t.name()).map(v -> new Candidate(t, v)).stream())
                .max(HIGHEST)
                .map(Candidate::tag);
    }
}
