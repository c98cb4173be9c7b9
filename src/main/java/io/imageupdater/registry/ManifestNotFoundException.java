package io.imageupdater.registry;

/** The registry has no manifest for a tag or digest (HTTP 404), for instance a tag deleted since it was listed. */
public class ManifestNotFoundException extends RegistryResponseException {
    public ManifestNotFoundException(String registry, String repository, String what) {
        super(registry, repository, 404, what, " (manifest not found)");
    }
}
