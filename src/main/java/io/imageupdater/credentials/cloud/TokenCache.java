package io.imageupdater.credentials.cloud;

import io.imageupdater.credentials.Credentials;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The clouds' tokens, each kept until shortly before its own expiry and refreshed in the background before it
 * lapses (when it was used since it was fetched). Concurrent fetches of one key share one call to the token service;
 * after a rejection {@link #refresh} fetches once more, however many callers saw the rejection. A failed fetch is not
 * kept.
 *
 * <p>A token is not handed out within {@code min(1 min, lifetime/10)} of its expiry; the background refresh starts
 * {@code min(5 min, lifetime/5)} before it.
 */
public final class TokenCache implements AutoCloseable {

    static final Duration MAX_MARGIN = Duration.ofMinutes(1);
    static final Duration MAX_LEAD = Duration.ofMinutes(5);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService fetcher;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public TokenCache(Clock clock) {
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cloud-token-refresh").factory());
        this.fetcher = Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("cloud-token-fetch-", 0).factory());
    }

    /**
     * Runs {@code work} (a call into a cloud SDK) on a platform thread and waits for it. The SDKs initialise classes
     * and log on first use; done on a virtual thread, a class initialiser pins its carrier, and with a carrier per core
     * two of them waiting for the log handler can starve the virtual thread that holds it (seen on 2 cores).
     */
    <T> T call(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result;
        try {
            result = CompletableFuture.supplyAsync(work, fetcher);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            throw new IllegalStateException("cloud credentials are closing", closed);
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The cached token for {@code key}, fetched now when absent, failed or about to expire. */
    public CloudToken get(String key, String what, TokenSource source) {
        Instant now = clock.instant();
        Entry created = new Entry(new CompletableFuture<>(), now);
        Entry entry = entries.compute(key, (k, old) -> old == null || old.failed() || old.stale(now) ? created : old);
        return await(key, what, entry, created, source);
    }

    /** Fetches again unless someone already did since {@code rejected} was handed out. */
    public CloudToken refresh(String key, String what, TokenSource source, Credentials rejected) {
        Instant now = clock.instant();
        Entry created = new Entry(new CompletableFuture<>(), now);
        Entry entry = entries.compute(
                key, (k, old) -> old == null || old.failed() || old.holds(rejected) || old.stale(now) ? created : old);
        if (entry == created) {
            Log.debugf("%s: fetching a new token after the registry rejected the cached one", what);
        }
        return await(key, what, entry, created, source);
    }

    private CloudToken await(String key, String what, Entry entry, Entry created, TokenSource source) {
        if (entry == created) {
            try {
                CloudToken token = call(source::fetch);
                created.future().complete(token);
                scheduleRefresh(key, what, created, token, source);
            } catch (RuntimeException e) {
                created.future().completeExceptionally(e);
            }
        }
        try {
            CloudToken token = entry.future().join();
            entry.used = true;
            return token;
        } catch (CompletionException e) {
            entries.remove(key, entry);
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Replaces the token before it lapses, when it was used since it was fetched; a failure keeps the old one. */
    private void scheduleRefresh(String key, String what, Entry entry, CloudToken token, TokenSource source) {
        Duration lifetime = Duration.between(entry.fetchedAt(), token.expiresAt());
        if (lifetime.isNegative() || lifetime.isZero()) {
            return;
        }
        Duration lead = min(MAX_LEAD, lifetime.dividedBy(5));
        long delay = Math.max(
                0,
                Duration.between(clock.instant(), token.expiresAt().minus(lead)).toMillis());
        try {
            scheduler.schedule(() -> refreshInBackground(key, what, entry, source), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: no more background refreshes
        }
    }

    private void refreshInBackground(String key, String what, Entry entry, TokenSource source) {
        if (entries.get(key) != entry || !entry.used) {
            return;
        }
        Entry next = new Entry(new CompletableFuture<>(), clock.instant());
        try {
            CloudToken token = source.fetch();
            next.future().complete(token);
            if (entries.replace(key, entry, next)) {
                Log.debugf("%s: token refreshed in the background; valid until %s", what, token.expiresAt());
                scheduleRefresh(key, what, next, token, source);
            }
        } catch (RuntimeException e) {
            Log.warnf(
                    "%s: background token refresh failed, will retry when the token is next needed: %s",
                    what, e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        fetcher.shutdownNow();
    }

    private static final class Entry {
        private final CompletableFuture<CloudToken> future;
        private final Instant fetchedAt;
        volatile boolean used;

        Entry(CompletableFuture<CloudToken> future, Instant fetchedAt) {
            this.future = future;
            this.fetchedAt = fetchedAt;
        }

        CompletableFuture<CloudToken> future() {
            return future;
        }

        Instant fetchedAt() {
            return fetchedAt;
        }

        boolean failed() {
            return future.isCompletedExceptionally();
        }

        /** Done and within the margin before its expiry (or past it). */
        boolean stale(Instant now) {
            if (!future.isDone() || future.isCompletedExceptionally()) {
                return false;
            }
            CloudToken token = future.join();
            Duration lifetime = Duration.between(fetchedAt, token.expiresAt());
            Duration margin = lifetime.isNegative() ? Duration.ZERO : min(MAX_MARGIN, lifetime.dividedBy(10));
            return !now.isBefore(token.expiresAt().minus(margin));
        }

        boolean holds(Credentials credentials) {
            return future.isDone()
                    && !future.isCompletedExceptionally()
                    && future.join().credentials().equals(credentials);
        }
    }
}
