package io.imageupdater.registry;

/** A registry answered with an HTTP status we cannot use. */
public class RegistryResponseException extends RegistryException {
    private final int status;

    public RegistryResponseException(String registry, String repository, int status, String what) {
        this(registry, repository, status, what, "");
    }

    protected RegistryResponseException(String registry, String repository, int status, String what, String detail) {
        super(what + " for repository " + repository + " on registry " + registry + " failed with HTTP status " + status
                + detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
