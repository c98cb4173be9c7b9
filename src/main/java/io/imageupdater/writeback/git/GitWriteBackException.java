package io.imageupdater.writeback.git;

import io.imageupdater.ImageUpdaterException;

/** A Git write-back failed; the message names the repository or Application and never holds a credential. */
public class GitWriteBackException extends ImageUpdaterException {
    public GitWriteBackException(String message) {
        super(message);
    }

    public GitWriteBackException(String message, Throwable cause) {
        super(message, cause);
    }
}
