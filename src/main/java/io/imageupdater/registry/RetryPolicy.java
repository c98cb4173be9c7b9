package io.imageupdater.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How transient registry failures are retried: connect errors, timeouts, unreadable answers and HTTP 429, 502, 503,
 * 504. Waits grow exponentially from {@code initialDelay} up to {@code maxDelay}, each with jitter (between half
 * and all of it); a {@code Retry-After} is honoured as long as it is at most {@code maxRetryAfter}, else we give up.
 *
 * @param maxAttempts   attempts in all, the first included (1 = never retry)
 * @param initialDelay  wait before the first retry, before jitter
 * @param maxDelay      cap of one computed wait
 * @param maxRetryAfter longest {@code Retry-After} we wait for
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    private static final Set<Integer> TRANSIENT_STATUS = Set.of(429, 502, 503, 504);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public static RetryPolicy never() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** Whether a failure is worth another attempt. */
    public static boolean isTransient(RuntimeException e) {
        return e instanceof RegistryUnavailableException
                || e instanceof RegistryResponseException r && TRANSIENT_STATUS.contains(r.status());
    }

    /** Runs {@code call}, retrying transient failures; the last failure is thrown as is. */
    public <T> T run(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                Duration wait = attempt < maxAttempts && isTransient(e) ? waitBefore(attempt, retryAfterOf(e)) : null;
                if (wait == null) {
                    throw e;
                }
                sleep(wait);
            }
        }
    }

    /**
     * The wait before retry number {@code retry} (1-based), or {@code null} to give up.
     *
     * @param retryAfter what the registry asked for, or {@code null}
     */
    Duration waitBefore(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? null : retryAfter;
        }
        long base = initialDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static Duration retryAfterOf(RuntimeException e) {
        return e instanceof RegistryBusyException busy ? busy.retryAfter() : null;
    }

    /**
     * Parses {@code Retry-After}: seconds, or an HTTP date (relative to {@code now}).
     *
     * @return the wait, or {@code null} when absent or unreadable
     */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String text = header.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            // not seconds: try a date
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry a registry request", e);
        }
    }
}
