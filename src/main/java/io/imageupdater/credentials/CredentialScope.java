package io.imageupdater.credentials;

import java.util.List;
import java.util.Objects;

/**
 * Who asks for credentials and for which registry.
 *
 * @param registries the registry the credentials are for, as URLs or host names ({@code https://ghcr.io},
 *                   {@code ghcr.io}); a pull secret's {@code auths} entry must match one of them
 * @param namespace  the only namespace secrets may be read from, or {@code null} for the updater's own namespace
 * @param requester  who asks, for messages ({@code application argocd/shop}, {@code registries.conf})
 */
public record CredentialScope(List<String> registries, String namespace, String requester) {

    public CredentialScope {
        registries = List.copyOf(registries);
        Objects.requireNonNull(requester, "requester");
        if (namespace != null && namespace.isBlank()) {
            throw new IllegalArgumentException("namespace is blank");
        }
    }

    /** Credentials an Application asks for: secrets must be in the Application's namespace. */
    public static CredentialScope application(String namespace, String application, List<String> registries) {
        return new CredentialScope(
                registries,
                Objects.requireNonNull(namespace, "namespace"),
                "application " + namespace + "/" + application);
    }

    /**
     * The namespace rule, checked before anything is looked up or resolved: a {@code pullsecret:} or {@code secret:}
     * asked for by an Application must be in the Application's own namespace. (For {@code registries.conf} the
     * resolver checks the updater's own namespace, which only it knows.)
     *
     * @throws CredentialsException when the reference names a secret in another namespace
     */
    public void requireAllowed(CredentialRef ref) {
        boolean secret =
                ref.source() == CredentialRef.Source.PULL_SECRET || ref.source() == CredentialRef.Source.SECRET;
        if (secret && namespace != null) {
            requireNamespace(ref, namespace);
        }
    }

    /** @throws CredentialsException when the reference names a secret outside namespace {@code allowed} */
    void requireNamespace(CredentialRef ref, String allowed) {
        if (!allowed.equals(ref.namespace())) {
            throw new CredentialsException("credential reference \"" + ref + "\" of " + requester
                    + " names a secret in namespace " + ref.namespace() + ", but only secrets in namespace " + allowed
                    + " may be used");
        }
    }

    /** Credentials from {@code registries.conf} (or the command line): secrets must be in the updater's namespace. */
    public static CredentialScope updater(List<String> registries) {
        return new CredentialScope(registries, null, "registries.conf");
    }
}
