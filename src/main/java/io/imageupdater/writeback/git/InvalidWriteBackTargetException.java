package io.imageupdater.writeback.git;

import io.imageupdater.ImageUpdaterException;

/** A {@code write-back-target} value that names no known target, or a path outside the repository. */
public class InvalidWriteBackTargetException extends ImageUpdaterException {
    public InvalidWriteBackTargetException(String value, String reason) {
        super("invalid write-back-target \"" + value + "\": " + reason);
    }
}
