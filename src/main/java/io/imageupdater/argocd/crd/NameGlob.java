package io.imageupdater.argocd.crd;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.strategy.Glob;
import io.imageupdater.strategy.InvalidGlobException;

/**
 * A {@code namePattern} over Application names: a {@link Glob} with Go {@code filepath.Match} semantics, as
 * upstream matches it, compiled once when the resource is read.
 *
 * @param text the pattern as written
 * @param glob the compiled pattern
 */
public record NameGlob(String text, Glob glob) {

    /** @throws ImageUpdaterException naming the pattern and the problem when it is not a valid glob */
    public static NameGlob parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ImageUpdaterException("namePattern is empty");
        }
        try {
            Glob glob = Glob.compile(text);
            return new NameGlob(text, glob);
        } catch (InvalidGlobException e) {
            throw new ImageUpdaterException("namePattern " + e.getMessage(), e);
        }
    }

    public boolean matches(String name) {
        return glob.matches(name);
    }

    /** How many characters must match literally (more is more specific). */
    public int literals() {
        return glob.literals();
    }

    /** Whether the pattern has no wildcard at all, so it names one Application. */
    public boolean exact() {
        return glob.exact();
    }

    @Override
    public String toString() {
        return text;
    }
}
