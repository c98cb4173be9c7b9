package io.imageupdater.credentials;

/** A credential reference is malformed. References are locations, not secrets, so the text is quoted. */
public class InvalidCredentialReferenceException extends CredentialsException {
    public InvalidCredentialReferenceException(String reference, String reason) {
        super("invalid credential reference \"" + reference + "\": " + reason);
    }
}
