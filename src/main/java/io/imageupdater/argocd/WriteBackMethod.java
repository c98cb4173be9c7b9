package io.imageupdater.argocd;

/** Where a chosen image is written: into the Application itself, or into its Git repository. */
public enum WriteBackMethod {
    ARGOCD("argocd"),
    GIT("git");

    private final String value;

    WriteBackMethod(String value) {
        this.value = value;
    }

    /** The annotation value. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
