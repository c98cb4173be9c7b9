package io.imageupdater.registry;

import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialResolver;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The credentials of one endpoint, resolved on first use and again after {@code credsexpire}. */
final class EndpointCredentials {

    private final RegistryEndpoint endpoint;
    private final CredentialRef ref;
    private final CredentialResolver resolver;
    private final Clock clock;
    private Credentials cached;
    private Instant resolvedAt;

    EndpointCredentials(RegistryEndpoint endpoint, CredentialResolver resolver, Clock clock) {
        this.endpoint = endpoint;
        this.resolver = resolver;
        this.clock = clock;
        this.ref = endpoint.credentials() == null ? null : parse(endpoint);
    }

    private static CredentialRef parse(RegistryEndpoint endpoint) {
        try {
            return CredentialRef.parse(endpoint.credentials());
        } catch (CredentialsException e) {
            throw new RegistryConfigException("registry " + endpoint.prefix() + ": " + e.getMessage(), e);
        }
    }

    synchronized Optional<Credentials> get() {
        if (ref == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean expired = cached != null && endpoint.credsExpire() != null
                && !now.isBefore(resolvedAt.plus(endpoint.credsExpire()));
        if (cached == null || expired) {
            try {
                cached = resolver.resolve(ref);
            } catch (CredentialsException e) {
                throw new RegistryException("cannot get credentials for registry " + endpoint.prefix() + ": "
                        + e.getMessage(), e);
            }
            resolvedAt = now;
        }
        return Optional.of(cached);
    }
}
