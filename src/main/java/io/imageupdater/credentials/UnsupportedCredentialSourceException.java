package io.imageupdater.credentials;

/** The reference is well-formed but its kind of source cannot be resolved (yet). */
public class UnsupportedCredentialSourceException extends CredentialsException {
    public UnsupportedCredentialSourceException(CredentialRef ref) {
        super("credential source " + ref.source().prefix() + " is not supported yet (reference \"" + ref + "\")");
    }
}
