package io.imageupdater.registry;

/**
 * A registry's redirects could not be followed: too many hops, or a {@code Location} that is not an http(s) URL. The
 * message names the registry and the URL without its query, where presigned URLs carry their signatures.
 */
public class RegistryRedirectException extends RegistryException {
    public RegistryRedirectException(String registry, String repository, String what, String reason) {
        super(what + " for repository " + repository + " on registry " + registry + " failed: " + reason);
    }
}
