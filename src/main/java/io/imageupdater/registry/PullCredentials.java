package io.imageupdater.registry;

import io.imageupdater.credentials.CredentialRef;
import java.util.Objects;

/**
 * Credentials an Application names for one of its images ({@code pull-secret}), used instead of the registry's.
 *
 * @param ref         the reference
 * @param namespace   the Application's namespace: the only one its secrets may come from
 * @param application the Application's name, for messages
 */
public record PullCredentials(CredentialRef ref, String namespace, String application) {

    public PullCredentials {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(application, "application");
    }
}
