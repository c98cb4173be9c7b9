package io.imageupdater.registry;

/** The registry does not know the repository (HTTP 404). */
public class RepositoryNotFoundException extends RegistryResponseException {
    public RepositoryNotFoundException(String registry, String repository, String what) {
        super(registry, repository, 404, what, " (repository not found)");
    }
}
