package io.imageupdater.credentials;

import io.imageupdater.ImageUpdaterException;

/** A credential could not be parsed or resolved. Messages name the reference or source, never a secret. */
public class CredentialsException extends ImageUpdaterException {
    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
