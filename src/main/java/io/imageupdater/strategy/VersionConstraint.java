package io.imageupdater.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint with the syntax and meaning of Masterminds/semver v3, which Argo CD Image Updater
 * users write: {@code ||} separates alternatives; inside one, terms separated by commas or spaces must all
 * hold; {@code a - b} is the inclusive range {@code >=a, <=b}. Operators are {@code =}, {@code !=},
 * {@code >}, {@code <}, {@code >=} ({@code =>}), {@code <=} ({@code =<}), {@code ~} ({@code ~>}) and
 * {@code ^}; no operator means {@code =}. Versions may start with {@code v}, may leave out minor and patch,
 * and may use {@code x}, {@code X} or {@code *} for them.
 *
 * <p>A pre-release version is allowed only by an alternative with a pre-release in one of its terms.
 * A blank constraint allows every release.
 */
public final class VersionConstraint {

    private static final String OPERATOR = "(>=|=>|<=|=<|!=|~>|=|>|<|~|\\^|)";
    private static final String PART = "[0-9xX*]+";
    private static final String PRE = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final String VERSION =
            "v?(" + PART + ")(?:\\.(" + PART + "))?(?:\\.(" + PART + "))?(?:-(" + PRE + "))?(?:\\+" + PRE + ")?";
    private static final String PLAIN_VERSION = VERSION.replaceAll("\\((?!\\?)", "(?:");
    private static final Pattern TERM = Pattern.compile(OPERATOR + "\\s*(" + VERSION + ")");
    private static final Pattern ALTERNATIVE = Pattern.compile("\\s*" + OPERATOR + "\\s*" + PLAIN_VERSION
            + "\\s*(?:(?:\\s+|,\\s*)" + OPERATOR + "\\s*" + PLAIN_VERSION + "\\s*)*");
    private static final Pattern RANGE =
            Pattern.compile("\\s*(" + PLAIN_VERSION + ")\\s+-\\s+(" + PLAIN_VERSION + ")\\s*");

    private final String text;
    /** The {@code ||} alternatives; empty when the constraint is blank. */
    private final List<Alternative> alternatives;

    /** The terms of one {@code ||} alternative; all must hold. */
    private record Alternative(List<Comparison> terms) {
        Alternative {
            terms = List.copyOf(terms);
        }

        boolean allows(SemanticVersion version) {
            if (version.isPreRelease()
                    && terms.stream().noneMatch(t -> t.bound().isPreRelease())) {
                return false;
            }
            return terms.stream().allMatch(t -> t.test(version));
        }
    }

    private VersionConstraint(String text, List<Alternative> alternatives) {
        this.text = Objects.requireNonNull(text, "text");
        this.alternatives = List.copyOf(alternatives);
    }

    /**
     * Parses a constraint; a {@code null} or blank text gives the constraint that allows every release.
     *
     * @throws InvalidConstraintException naming the text when it is not a constraint
     */
    public static VersionConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            return new VersionConstraint(text == null ? "" : text, List.of());
        }
        String rewritten = rewriteRanges(text);
        List<Alternative> alternatives = new ArrayList<>();
        for (String part : rewritten.split("\\|\\|", -1)) {
            if (part.isBlank()) {
                throw new InvalidConstraintException(text, "an alternative between || is empty");
            }
            if (!ALTERNATIVE.matcher(part).matches()) {
                throw new InvalidConstraintException(
                        text,
                        "\"" + part.strip()
                                + "\" is not a list of comparisons like >=1.2.3, ~1.2, ^1, 1.2.x or 1.0 - 2.0");
            }
            List<Comparison> terms = new ArrayList<>();
            Matcher m = TERM.matcher(part);
            while (m.find()) {
                terms.add(term(text, m));
            }
            alternatives.add(new Alternative(terms));
        }
        return new VersionConstraint(text, alternatives);
    }

    /** Reads a tag as a version the way constraints read it; empty when the tag is not a version. */
    public static Optional<SemanticVersion> version(String tag) {
        return SemanticVersion.parse(tag);
    }

    /** Whether the constraint is blank, allowing every release. */
    public boolean isEmpty() {
        return alternatives.isEmpty();
    }

    /** Whether {@code tag} is a version this constraint allows; tags that are not versions are not. */
    public boolean allows(String tag) {
        return version(tag).map(this::allows).orElse(false);
    }

    public boolean allows(SemanticVersion version) {
        if (isEmpty()) {
            return !version.isPreRelease();
        }
        return alternatives.stream().anyMatch(a -> a.allows(version));
    }

    private static String rewriteRanges(String text) {
        Matcher m = RANGE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(" >= " + m.group(1) + ", <= " + m.group(2) + " "));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Comparison term(String text, Matcher m) {
        Comparison.Operator operator = Comparison.Operator.of(m.group(1));
        String major = m.group(3);
        String minor = m.group(4);
        String patch = m.group(5);
        String pre = m.group(6) == null ? "" : "-" + m.group(6);
        Comparison.Precision precision;
        String bound;
        if (isWildcard(major)) {
            precision = Comparison.Precision.NONE;
            bound = "0.0.0" + pre;
        } else if (minor == null || isWildcard(minor)) {
            precision = Comparison.Precision.MAJOR;
            bound = major + ".0.0" + pre;
        } else if (patch == null || isWildcard(patch)) {
            precision = Comparison.Precision.MINOR;
            bound = major + "." + minor + ".0" + pre;
        } else {
            precision = Comparison.Precision.PATCH;
            bound = major + "." + minor + "." + patch + pre;
        }
        SemanticVersion version = SemanticVersion.parse(bound)
                .orElseThrow(() -> new InvalidConstraintException(
                        text, "\"" + m.group(2) + "\" is not a version (numbers without leading zeros, or x, X, *)"));
        return new Comparison(operator, version, precision);
    }

    private static boolean isWildcard(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    /** The constraint as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionConstraint that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
