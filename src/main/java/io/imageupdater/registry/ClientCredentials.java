package io.imageupdater.registry;

import io.imageupdater.credentials.CredentialCache;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialScope;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import java.time.Duration;
import java.util.Optional;

/**
 * The credentials one listing presents: a reference resolved through a cache (until {@code maxAge}), or none.
 * {@link #identity()} names them without revealing them, so tokens obtained with different credentials are kept
 * apart.
 */
final class ClientCredentials {

    private static final ClientCredentials NONE = new ClientCredentials(null, null, null, null, null);

    private final CredentialCache cache;
    private final CredentialRef ref;
    private final CredentialScope scope;
    private final Duration maxAge;
    private final String registry;

    private ClientCredentials(
            CredentialCache cache, CredentialRef ref, CredentialScope scope, Duration maxAge, String registry) {
        this.cache = cache;
        this.ref = ref;
        this.scope = scope;
        this.maxAge = maxAge;
        this.registry = registry;
    }

    static ClientCredentials none() {
        return NONE;
    }

    static ClientCredentials of(
            CredentialCache cache, CredentialRef ref, CredentialScope scope, Duration maxAge, String registry) {
        return new ClientCredentials(cache, ref, scope, maxAge, registry);
    }

    boolean present() {
        return ref != null;
    }

    /** The reference's text ({@code anonymous} without one): a location, never a secret. */
    String identity() {
        return ref == null ? "anonymous" : ref.toString();
    }

    /**
     * Who presents these credentials: the namespace they were resolved for (the Application's, or the updater's own
     * for {@code registries.conf}) and the reference. Tokens obtained with them are kept for this owner only.
     */
    String owner() {
        if (ref == null) {
            return "anonymous";
        }
        return (scope.namespace() == null ? "(updater)" : scope.namespace()) + " " + ref;
    }

    Optional<Credentials> get() {
        if (ref == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cache.get(ref, scope, maxAge));
        } catch (CredentialsException e) {
            throw failure(e);
        }
    }

    /** Looks the credentials up again after the registry rejected {@code rejected}. */
    Optional<Credentials> refresh(Credentials rejected) {
        if (ref == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cache.refresh(ref, scope, rejected));
        } catch (CredentialsException e) {
            throw failure(e);
        }
    }

    private RegistryException failure(CredentialsException e) {
        return new RegistryCredentialsException(
                "cannot get credentials for registry " + registry + ": " + e.getMessage(), e);
    }
}
