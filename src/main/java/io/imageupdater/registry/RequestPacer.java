package io.imageupdater.registry;

import java.time.Duration;

/** Spaces requests to one registry to at most {@code limit} per second ({@code limit} in {@code registries.conf}). */
final class RequestPacer {

    private final long intervalNanos;
    private long nextSlot;

    RequestPacer(Double requestsPerSecond) {
        this.intervalNanos = requestsPerSecond == null ? 0 : (long) (1_000_000_000L / requestsPerSecond);
    }

    /** Blocks until this request may go out; whether it had to wait. */
    boolean await() {
        if (intervalNanos == 0) {
            return false;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while waiting for the request limit", e);
            }
        }
        return wait > 0;
    }
}
