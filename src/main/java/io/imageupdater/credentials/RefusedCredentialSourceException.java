package io.imageupdater.credentials;

/**
 * A tenant's reference (Application annotation or ImageUpdater per-image setting) uses a credential source the
 * operator has not allowed for tenants ({@code application-credential-sources}).
 */
public class RefusedCredentialSourceException extends CredentialsException {
    private final CredentialRef.Source source;

    public RefusedCredentialSourceException(CredentialRef.Source source, String image, String allowed) {
        super("image " + image + ": credential source " + source.prefix()
                + " is refused for references from an Application or ImageUpdater; "
                + ApplicationCredentialSources.SETTING + " allows "
                + (allowed.isEmpty() ? "none" : allowed));
        this.source = source;
    }

    /** The refused kind of source. */
    public CredentialRef.Source source() {
        return source;
    }
}
