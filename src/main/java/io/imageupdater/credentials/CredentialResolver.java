package io.imageupdater.credentials;

/** Turns a credential reference into credentials. */
public interface CredentialResolver {

    /**
     * @param scope who asks and for which registry; secrets outside the scope's namespace are refused
     * @throws CredentialsException when the source is missing, unreadable, malformed, out of scope or not supported
     */
    Credentials resolve(CredentialRef ref, CredentialScope scope);
}
