package io.imageupdater.argocd;

/**
 * An image-list entry (or application setting) that could not be parsed; the other entries still apply.
 *
 * @param entry   the entry as written
 * @param message what is wrong, naming the application and the entry
 */
public record ImageSpecError(String entry, String message) {
    @Override
    public String toString() {
        return message;
    }
}
