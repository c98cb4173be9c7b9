package io.imageupdater.strategy;

import java.util.Objects;

/**
 * One operator-and-version term of a constraint ({@code >=1.2}, {@code ~1.x}, {@code 1.2}), with the
 * Masterminds meaning of wildcards: a version written without patch, or with {@code x}, {@code X} or
 * {@code *} there, is a range over what was left out.
 *
 * @param operator  the operator
 * @param bound     the version with wildcards read as zero ({@code 1.x} is 1.0.0)
 * @param precision which parts of {@code bound} were written
 */
record Comparison(Operator operator, SemanticVersion bound, Precision precision) {

    enum Operator {
        EQUAL,
        NOT_EQUAL,
        GREATER,
        LESS,
        GREATER_OR_EQUAL,
        LESS_OR_EQUAL,
        TILDE,
        CARET;

        static Operator of(String symbol) {
            return switch (symbol) {
                case "", "=" -> EQUAL;
                case "!=" -> NOT_EQUAL;
                case ">" -> GREATER;
                case "<" -> LESS;
                case ">=", "=>" -> GREATER_OR_EQUAL;
                case "<=", "=<" -> LESS_OR_EQUAL;
                case "~", "~>" -> TILDE;
                case "^" -> CARET;
                default -> throw new IllegalArgumentException("unknown operator " + symbol);
            };
        }
    }

    /** Which parts of the version were written as numbers. */
    enum Precision {
        /** {@code 1.2.3}. */
        PATCH,
        /** {@code 1.2}, {@code 1.2.x}. */
        MINOR,
        /** {@code 1}, {@code 1.x}. */
        MAJOR,
        /** {@code *}, {@code x}. */
        NONE;

        boolean wildcard() {
            return this != PATCH;
        }
    }

    Comparison {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(precision, "precision");
    }

    /** Whether {@code v} passes this term; the pre-release rule is applied by the caller per group. */
    boolean test(SemanticVersion v) {
        return switch (operator) {
            case EQUAL -> precision.wildcard() ? tilde(v) : v.compareTo(bound) == 0;
            case NOT_EQUAL -> notEqual(v);
            case GREATER -> greater(v);
            case LESS -> v.compareTo(bound) < 0;
            case GREATER_OR_EQUAL -> v.compareTo(bound) >= 0;
            case LESS_OR_EQUAL -> lessOrEqual(v);
            case TILDE -> tilde(v);
            case CARET -> caret(v);
        };
    }

    private boolean notEqual(SemanticVersion v) {
        if (precision == Precision.MAJOR) {
            return v.major() != bound.major();
        }
        if (precision == Precision.MINOR) {
            return v.major() != bound.major()
                    || v.minor() != bound.minor()
                    || !v.preRelease().equals(bound.preRelease());
        }
        return v.compareTo(bound) != 0;
    }

    private boolean greater(SemanticVersion v) {
        return switch (precision) {
            case MAJOR -> v.major() > bound.major();
            case MINOR -> v.major() > bound.major() || v.major() == bound.major() && v.minor() > bound.minor();
            case PATCH, NONE -> v.compareTo(bound) > 0;
        };
    }

    private boolean lessOrEqual(SemanticVersion v) {
        return switch (precision) {
            case MAJOR -> v.major() <= bound.major();
            case MINOR, NONE -> v.major() < bound.major() || v.major() == bound.major() && v.minor() <= bound.minor();
            case PATCH -> v.compareTo(bound) <= 0;
        };
    }

    /** {@code ~1.2.3} is >=1.2.3 <1.3.0, {@code ~1.2} is >=1.2.0 <1.3.0, {@code ~1} is >=1.0.0 <2.0.0. */
    private boolean tilde(SemanticVersion v) {
        boolean zero = bound.major() == 0 && bound.minor() == 0 && bound.patch() == 0;
        if (precision == Precision.NONE || zero && precision == Precision.PATCH) {
            return v.compareTo(bound) >= 0;
        }
        if (v.compareTo(bound) < 0 || v.major() != bound.major()) {
            return false;
        }
        return precision == Precision.MAJOR || v.minor() == bound.minor();
    }

    /**
     * {@code ^1.2} is >=1.2.0 <2.0.0, {@code ^0.2} is >=0.2.0 <0.3.0, {@code ^0.0.3} is >=0.0.3 <0.0.4.
     * {@code ^*} allows any version, as Masterminds documents it.
     */
    private boolean caret(SemanticVersion v) {
        if (precision == Precision.NONE) {
            return v.compareTo(bound) >= 0;
        }
        if (v.compareTo(bound) < 0 || v.major() != bound.major()) {
            return false;
        }
        if (bound.major() > 0 || precision == Precision.MAJOR) {
            return true;
        }
        if (bound.minor() > 0 || precision == Precision.MINOR) {
            return v.minor() == bound.minor();
        }
        return v.minor() == 0 && v.patch() == bound.patch();
    }
}
