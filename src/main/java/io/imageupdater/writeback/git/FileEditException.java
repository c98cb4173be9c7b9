package io.imageupdater.writeback.git;

import io.imageupdater.ImageUpdaterException;

/** A file to write back to cannot be edited as asked: not YAML, or a key path that runs into the wrong kind of node. */
public class FileEditException extends ImageUpdaterException {
    public FileEditException(String message) {
        super(message);
    }

    public FileEditException(String message, Throwable cause) {
        super(message, cause);
    }
}
