package io.imageupdater.credentials;

/** Turns a credential reference into credentials. */
public interface CredentialResolver {

    /**
     * @param scope who asks and for which registry; secrets outside the scope's namespace are refused
     * @throws CredentialsException when the source is missing, unreadable, malformed, out of scope or not supported
     */
    Credentials resolve(CredentialRef ref, CredentialScope scope);

    /**
     * Resolves again after the registry rejected {@code rejected}; a resolver that caches (a cloud's tokens) fetches a
     * new token unless someone already did since {@code rejected} was handed out.
     */
    default Credentials refresh(CredentialRef ref, CredentialScope scope, Credentials rejected) {
        return resolve(ref, scope);
    }
}
