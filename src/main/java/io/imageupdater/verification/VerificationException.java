package io.imageupdater.verification;

import io.imageupdater.ImageUpdaterException;

/** A verification policy cannot be set up (its Secret, ConfigMap or trusted root is missing or unusable). */
public class VerificationException extends ImageUpdaterException {
    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
