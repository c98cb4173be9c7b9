package io.imageupdater.webhook;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code webhook.ratelimit-allowed}: at most that many authenticated requests per hour, as a token bucket (a burst
 * of the whole allowance, then one more every hour ÷ allowance). 0 turns it off.
 */
final class RateLimit {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private final int perHour;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    RateLimit(int perHour, LongSupplier nanoTime) {
        if (perHour < 0) {
            throw new WebhookConfigException("webhook-ratelimit-allowed: must be 0 (off) or more, not " + perHour);
        }
        this.perHour = perHour;
        this.nanoTime = nanoTime;
        this.tokens = perHour;
        this.last = nanoTime.getAsLong();
    }

    /** Empty when the request may pass; else how long until one may. */
    synchronized Optional<Duration> acquire() {
        if (perHour == 0) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(perHour, tokens + (double) (now - last) * perHour / HOUR);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) ((1 - tokens) * HOUR / perHour)));
    }
}
