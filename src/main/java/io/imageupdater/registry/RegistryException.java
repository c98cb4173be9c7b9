package io.imageupdater.registry;

import io.imageupdater.ImageUpdaterException;

/** Root of registry failures. Messages name the registry (and repository), never credentials or auth bodies. */
public class RegistryException extends ImageUpdaterException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
