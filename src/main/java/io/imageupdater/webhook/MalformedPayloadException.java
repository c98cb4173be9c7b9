package io.imageupdater.webhook;

import io.imageupdater.ImageUpdaterException;

/** A webhook body that is not what its type's registry sends. */
public class MalformedPayloadException extends ImageUpdaterException {
    public MalformedPayloadException(String message) {
        super(message);
    }

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
