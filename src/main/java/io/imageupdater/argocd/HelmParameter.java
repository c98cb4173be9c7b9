package io.imageupdater.argocd;

import java.util.Objects;

/** One {@code helm.parameters} entry of an Application source. */
public record HelmParameter(String name, String value, boolean forceString) {
    public HelmParameter {
        Objects.requireNonNull(name, "name");
    }
}
