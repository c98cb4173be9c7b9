package io.imageupdater.registry;

/** The registry (or its token service) refused us: 401 or 403, or a challenge we cannot answer. */
public class RegistryAuthenticationException extends RegistryResponseException {
    public RegistryAuthenticationException(String registry, String repository, int status, String what, String reason) {
        super(registry, repository, status, what, reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
