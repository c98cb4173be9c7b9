package io.imageupdater.registry;

import java.time.Instant;

/** A token from a registry token service. {@link #toString()} hides the value. */
record BearerToken(String value, Instant expiresAt) {

    boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[expiresAt=" + expiresAt + "]";
    }
}
