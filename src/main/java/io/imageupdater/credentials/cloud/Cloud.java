package io.imageupdater.credentials.cloud;

import io.imageupdater.credentials.CredentialRef;

/** The clouds whose workload identity can log in to their registries and Git services. */
public enum Cloud {
    AWS("AWS", "aws:ecr"),
    GCP("GCP", "gcp:artifact-registry"),
    AZURE("Azure", "azure:acr");

    private final String display;
    private final String registrySource;

    Cloud(String display, String registrySource) {
        this.display = display;
        this.registrySource = registrySource;
    }

    /** The cloud's name in messages ({@code AWS}, {@code GCP}, {@code Azure}). */
    public String display() {
        return display;
    }

    /** The registry source as {@code registries.conf} writes it ({@code aws:ecr}). */
    public String registrySource() {
        return registrySource;
    }

    /** The cloud a reference names, or {@code null} for {@code auto} and the non-cloud sources. */
    static Cloud of(CredentialRef.Source source) {
        return switch (source) {
            case AWS -> AWS;
            case GCP -> GCP;
            case AZURE -> AZURE;
            default -> null;
        };
    }
}
