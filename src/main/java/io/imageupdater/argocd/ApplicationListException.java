package io.imageupdater.argocd;

import io.imageupdater.ImageUpdaterException;

/** Listing Applications in a namespace failed. */
public class ApplicationListException extends ImageUpdaterException {
    public ApplicationListException(String namespace, Throwable cause) {
        super(
                "listing Argo CD Applications in "
                        + ("*".equals(namespace) ? "all namespaces" : "namespace " + namespace) + " failed: "
                        + cause.getMessage(),
                cause);
    }
}
