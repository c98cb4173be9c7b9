package io.imageupdater.registry;

/** The registry could not be reached or sent something we could not read. */
public class RegistryUnavailableException extends RegistryException {
    public RegistryUnavailableException(String registry, String repository, String what, Throwable cause) {
        super(what + " for repository " + repository + " on registry " + registry + " failed: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    /** Without a cause, for answers whose content must not reach a message (token responses). */
    public RegistryUnavailableException(String registry, String repository, String what, String reason) {
        super(what + " for repository " + repository + " on registry " + registry + " failed: " + reason);
    }
}
