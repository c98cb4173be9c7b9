package io.imageupdater.registry;

/** The registry could not be reached or sent something we could not read. */
public class RegistryUnavailableException extends RegistryException {
    public RegistryUnavailableException(String registry, String repository, String what, Throwable cause) {
        super(what + " for repository " + repository + " on registry " + registry + " failed: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
