package io.imageupdater.registry;

import java.time.Duration;

/** The registry asked us to slow down (429) or is temporarily failing (502, 503, 504); worth retrying. */
public class RegistryBusyException extends RegistryResponseException {
    private final Duration retryAfter;

    public RegistryBusyException(String registry, String repository, int status, String what, Duration retryAfter) {
        super(
                registry,
                repository,
                status,
                what,
                status == 429
                        ? " (too many requests"
                                + (retryAfter == null ? ")" : ", retry after " + retryAfter.toSeconds() + "s)")
                        : " (temporarily unavailable)");
        this.retryAfter = retryAfter;
    }

    /** What {@code Retry-After} asked for, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
