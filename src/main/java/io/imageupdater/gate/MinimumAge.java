package io.imageupdater.gate;

import io.imageupdater.image.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The minimum release age ({@code min-age}): a candidate is eligible only once it is at least that old. Age counts
 * from the image config's {@code created} time, or, when that is absent or in the future, from when the updater first
 * saw the tag. Pure: "now" and the first-seen times are given.
 *
 * @param minAge the minimum age; zero lets everything through
 */
public record MinimumAge(Duration minAge) {

    public MinimumAge {
        Objects.requireNonNull(minAge, "minAge");
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("min-age must not be negative: " + minAge);
        }
    }

    /** A tag that is not yet eligible, and when it will be. */
    public record Waiting(Tag tag, Instant until) {}

    /** The tags split into those old enough and those that wait. */
    public record Split(List<Tag> eligible, List<Waiting> waiting) {
        public Split {
            eligible = List.copyOf(eligible);
            waiting = List.copyOf(waiting);
        }
    }

    /** When a tag's age starts: its build time unless absent or in the future, else when it was first seen. */
    public static Instant since(Tag tag, Instant firstSeen, Instant now) {
        Instant created = tag.created();
        if (created != null && !created.isAfter(now)) {
            return created;
        }
        return firstSeen == null || firstSeen.isAfter(now) ? now : firstSeen;
    }

    /** When the tag becomes eligible. */
    public Instant eligibleAt(Tag tag, Instant firstSeen, Instant now) {
        return since(tag, firstSeen, now).plus(minAge);
    }

    /**
     * Splits candidates by age.
     *
     * @param firstSeen when each tag was first seen ({@code null} when never: it is seen now)
     */
    public Split split(List<Tag> tags, Function<Tag, Instant> firstSeen, Instant now) {
        List<Tag> eligible = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        for (Tag tag : tags) {
            Instant at = eligibleAt(tag, firstSeen.apply(tag), now);
            if (at.isAfter(now)) {
                waiting.add(new Waiting(tag, at));
            } else {
                eligible.add(tag);
            }
        }
        return new Split(eligible, waiting);
    }
}
