package io.imageupdater.credentials.cloud;

/** Fetches a new token from a cloud's token service. */
@FunctionalInterface
public interface TokenSource {
    /** @throws io.imageupdater.credentials.CredentialsException naming the cloud and registry, never a secret */
    CloudToken fetch();
}
