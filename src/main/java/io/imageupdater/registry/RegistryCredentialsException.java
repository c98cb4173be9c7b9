package io.imageupdater.registry;

/** The credentials configured for a registry could not be obtained (missing secret, failing script, …). */
public class RegistryCredentialsException extends RegistryException {
    public RegistryCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
