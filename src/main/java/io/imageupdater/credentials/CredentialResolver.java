package io.imageupdater.credentials;

/** Turns a credential reference into credentials. */
public interface CredentialResolver {

    /**
     * @throws CredentialsException when the source is missing, unreadable or malformed, or not supported
     */
    Credentials resolve(CredentialRef ref);
}
