package io.imageupdater.strategy;

import io.imageupdater.ImageUpdaterException;

/** A glob that {@code filepath.Match} would reject; the message names the pattern and what is wrong. */
public class InvalidGlobException extends ImageUpdaterException {
    private final String pattern;

    public InvalidGlobException(String pattern, String problem) {
        super("\"" + pattern + "\" is not a valid glob: " + problem);
        this.pattern = pattern;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }
}
