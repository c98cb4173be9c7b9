package io.imageupdater.credentials.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private final AtomicInteger fetches = new AtomicInteger();

    private TokenSource source(Clock clock, Duration lifetime) {
        return () -> {
            int n = fetches.incrementAndGet();
            return new CloudToken(
                    new Credentials("user", "token-" + n), clock.instant().plus(lifetime));
        };
    }

    @Test
    void aTokenIsKeptUntilShortlyBeforeItsOwnExpiry() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TokenCache cache = new TokenCache(clock)) {
            TokenSource source = source(clock, Duration.ofHours(12));
            assertEquals("token-1", cache.get("k", "test", source).credentials().password());
            clock.advance(Duration.ofHours(11).plusMinutes(58));
            assertEquals("token-1", cache.get("k", "test", source).credentials().password());
            clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 59 s before expiry: within the one-minute margin
            assertEquals("token-2", cache.get("k", "test", source).credentials().password());
        }
    }

    @Test
    void concurrentFetchesOfOneKeyShareOneCall() throws Exception {
        Clock clock = Clock.systemUTC();
        CountDownLatch release = new CountDownLatch(1);
        TokenSource slow = () -> {
            fetches.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CloudToken(
                    new Credentials("user", "shared"), clock.instant().plusSeconds(3600));
        };
        try (TokenCache cache = new TokenCache(clock);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CloudToken>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> cache.get("k", "test", slow)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<CloudToken> result : results) {
                assertEquals("shared", result.get().credentials().password());
            }
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void aRejectionRefreshesOnceHoweverManySawIt() throws Exception {
        Clock clock = Clock.systemUTC();
        try (TokenCache cache = new TokenCache(clock);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            TokenSource source = source(clock, Duration.ofHours(1));
            Credentials rejected = cache.get("k", "test", source).credentials();
            List<Future<CloudToken>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> cache.refresh("k", "test", source, rejected)));
            }
            for (Future<CloudToken> result : results) {
                assertEquals("token-2", result.get().credentials().password());
            }
        }
        assertEquals(2, fetches.get());
    }

    @Test
    void aUsedTokenIsRefreshedInTheBackgroundBeforeItLapses() throws Exception {
        Clock clock = Clock.systemUTC();
        try (TokenCache cache = new TokenCache(clock)) {
            TokenSource source = source(clock, Duration.ofSeconds(2)); // refreshed 0.4 s before it lapses
            String first = cache.get("k", "test", source).credentials().password();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fetches.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(2, fetches.get(), "fetched again without anyone asking");
            int before = fetches.get();
            String next = cache.get("k", "test", source).credentials().password();
            assertNotEquals(first, next);
            assertEquals(before, fetches.get(), "the background token is handed out, not fetched again");
        }
    }

    @Test
    void aFailedFetchIsNotKept() {
        Clock clock = Clock.systemUTC();
        try (TokenCache cache = new TokenCache(clock)) {
            AtomicInteger calls = new AtomicInteger();
            TokenSource flaky = () -> {
                if (calls.incrementAndGet() == 1) {
                    throw new CredentialsException("GCP credentials for registry x: down");
                }
                return new CloudToken(
                        new Credentials("user", "ok"), clock.instant().plusSeconds(3600));
            };
            assertTrue(assertThrows(CredentialsException.class, () -> cache.get("k", "test", flaky))
                    .getMessage()
                    .contains("down"));
            assertEquals("ok", cache.get("k", "test", flaky).credentials().password());
        }
    }
}
