package io.imageupdater.strategy;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A tag read as a semantic version, the loose way Masterminds' {@code NewVersion} reads it: an optional
 * leading {@code v}, and minor and patch may be left out ({@code 1.2} is 1.2.0, {@code 1} is 1.0.0).
 * Numbers have no leading zeros. Build metadata is kept but does not take part in ordering.
 *
 * @param text       the text the version was read from, as written
 * @param major      the major number
 * @param minor      the minor number
 * @param patch      the patch number
 * @param preRelease the pre-release identifiers without the hyphen, {@code ""} when none
 * @param build      the build metadata without the plus, {@code ""} when none
 */
public record SemanticVersion(String text, long major, long minor, long patch, String preRelease, String build)
        implements Comparable<SemanticVersion> {

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String PRE_PART = "(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern LOOSE = Pattern.compile("v?(" + NUMBER + ")(?:\\.(" + NUMBER + "))?(?:\\.(" + NUMBER
            + "))?(?:-(" + PRE_PART + "(?:\\." + PRE_PART + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    public SemanticVersion {
        Objects.requireNonNull(text, "text");
        preRelease = preRelease == null ? "" : preRelease;
        build = build == null ? "" : build;
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative: " + text);
        }
    }

    /** Reads {@code text} as a version; empty when it is not one. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LOOSE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SemanticVersion(
                    text, Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)), m.group(4), m.group(5)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** Semantic version precedence: numbers, then a pre-release below its release; build metadata ignored. */
    @Override
    public int compareTo(SemanticVersion other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String left, String right) {
        try {
            return Integer.signum(Semver.parse("0.0.0-" + left).compareTo(Semver.parse("0.0.0-" + right)));
        } catch (NumberFormatException numericIdentifierTooLarge) {
            return Integer.signum(left.compareTo(right));
        }
    }

    /** The normalised form {@code major.minor.patch[-pre][+build]}, without any {@code v}. */
    public String normalized() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease)
                + (build.isEmpty() ? "" : "+" + build);
    }

    @Override
    public String toString() {
        return text;
    }
}
