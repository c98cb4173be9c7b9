package io.imageupdater.writeback.git.pullrequest;

import io.imageupdater.ImageUpdaterException;

/** A forge API call failed; the message names the provider, the repository and the HTTP status, never a secret. */
public class ForgeApiException extends ImageUpdaterException {
    private final int status;

    public ForgeApiException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ForgeApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
