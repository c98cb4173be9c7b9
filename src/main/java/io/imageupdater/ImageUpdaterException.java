package io.imageupdater;

/** Root of every exception the updater raises on purpose. Messages name what failed and where, never a secret. */
public class ImageUpdaterException extends RuntimeException {
    public ImageUpdaterException(String message) {
        super(message);
    }

    public ImageUpdaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
