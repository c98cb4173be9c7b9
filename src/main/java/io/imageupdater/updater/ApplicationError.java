package io.imageupdater.updater;

import java.util.Objects;

/**
 * A problem of an Application as a whole (not of one of its images).
 *
 * @param reason  why, as a value
 * @param message what happened, naming the Application
 */
public record ApplicationError(FailureReason reason, String message) {
    public ApplicationError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
