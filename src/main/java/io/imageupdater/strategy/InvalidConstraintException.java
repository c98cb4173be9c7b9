package io.imageupdater.strategy;

import io.imageupdater.ImageUpdaterException;

/** A version constraint or strategy parameter that cannot be used; the message names it and what is wrong. */
public class InvalidConstraintException extends ImageUpdaterException {
    private final String constraint;

    public InvalidConstraintException(String constraint, String problem) {
        super("invalid constraint \"" + constraint + "\": " + problem);
        this.constraint = constraint;
    }

    /** The constraint text as written. */
    public String constraint() {
        return constraint;
    }
}
