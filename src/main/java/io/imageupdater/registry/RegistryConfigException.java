package io.imageupdater.registry;

/** {@code registries.conf} is missing, unreadable or invalid. */
public class RegistryConfigException extends RegistryException {
    public RegistryConfigException(String message) {
        super(message);
    }

    public RegistryConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
