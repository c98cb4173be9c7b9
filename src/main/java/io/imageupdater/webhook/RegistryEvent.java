package io.imageupdater.webhook;

import io.imageupdater.image.ImageRef;
import io.imageupdater.image.InvalidImageReferenceException;
import java.util.Locale;

/**
 * A push a registry told us about.
 *
 * @param registry   the registry host ({@code docker.io}, {@code ghcr.io}, {@code registry.example.com:5000})
 * @param repository the repository path on it ({@code acme/web})
 * @param tag        the tag pushed
 * @param digest     the manifest digest, or {@code null} when the payload has none
 */
public record RegistryEvent(String registry, String repository, String tag, String digest) {

    public RegistryEvent {
        registry = required(registry, "registry").toLowerCase(Locale.ROOT);
        repository = required(repository, "repository").toLowerCase(Locale.ROOT);
        tag = required(tag, "tag");
        digest = digest == null || digest.isBlank() ? null : digest.strip();
        try {
            new ImageRef(registry, repository, null, null);
        } catch (InvalidImageReferenceException e) {
            throw new MalformedPayloadException("not an image repository: " + e.getMessage());
        }
    }

    /** The repository as an image reference without tag: what the targeted cycle matches images against. */
    public ImageRef image() {
        return new ImageRef(registry, repository, null, null);
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new MalformedPayloadException("the payload names no " + what);
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag + (digest == null ? "" : "@" + digest);
    }
}
