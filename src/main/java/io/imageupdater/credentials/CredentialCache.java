package io.imageupdater.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolved credentials kept until they expire ({@code credsexpire}; {@code null} means for as long as we run).
 * Concurrent look-ups of the same reference share one resolution; a failed resolution is not kept. After the
 * registry rejects credentials, {@link #refresh} resolves once more, however many callers saw the rejection.
 * Entries are keyed by reference and scope (the namespace and requester they were resolved for), so nothing resolved
 * for one namespace is handed to another. A cloud's tokens ({@link CredentialRef.Source#cloud()}) carry their own
 * expiry and are cached by their resolver, so they are handed straight through.
 */
public final class CredentialCache {

    private final CredentialResolver resolver;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public CredentialCache(CredentialResolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    /**
     * The cached credentials, resolved now when absent or older than {@code maxAge}. The namespace rule is checked
     * first, on every call, before the cache is consulted.
     */
    public Credentials get(CredentialRef ref, CredentialScope scope, Duration maxAge) {
        scope.requireAllowed(ref);
        if (ref.source().cloud()) {
            return resolver.resolve(ref, scope);
        }
        Key key = new Key(ref, scope);
        Instant now = clock.instant();
        Entry created = new Entry(new CompletableFuture<>(), now);
        Entry entry = entries.compute(
                key, (k, old) -> old == null || old.failed() || old.expired(now, maxAge) ? created : old);
        return await(key, entry, created);
    }

    /**
     * Resolves again unless someone already did since {@code rejected} was handed out.
     *
     * @return the credentials to try next (equal to {@code rejected} when the source still says the same)
     */
    public Credentials refresh(CredentialRef ref, CredentialScope scope, Credentials rejected) {
        scope.requireAllowed(ref);
        if (ref.source().cloud()) {
            return resolver.refresh(ref, scope, rejected);
        }
        Key key = new Key(ref, scope);
        Instant now = clock.instant();
        Entry created = new Entry(new CompletableFuture<>(), now);
        Entry entry =
                entries.compute(key, (k, old) -> old == null || old.failed() || old.holds(rejected) ? created : old);
        return await(key, entry, created);
    }

    /** Resolves outside the map's lock when this caller created the entry; everyone else waits for it. */
    private Credentials await(Key key, Entry entry, Entry created) {
        if (entry == created) {
            try {
                created.future().complete(resolver.resolve(key.ref(), key.scope()));
            } catch (RuntimeException e) {
                created.future().completeExceptionally(e);
            }
        }
        try {
            return entry.future().join();
        } catch (CompletionException e) {
            entries.remove(key, entry);
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Key(CredentialRef ref, CredentialScope scope) {}

    private record Entry(CompletableFuture<Credentials> future, Instant resolvedAt) {
        boolean failed() {
            return future.isCompletedExceptionally();
        }

        boolean expired(Instant now, Duration maxAge) {
            return maxAge != null && !now.isBefore(resolvedAt.plus(maxAge));
        }

        boolean holds(Credentials credentials) {
            return future.isDone()
                    && !future.isCompletedExceptionally()
                    && future.join().equals(credentials);
        }
    }
}
