package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.image.Platform;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetadataCacheTest {

    private static ManifestContent.Image image(int labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels; i++) {
            map.put("org.example.label-" + i, "x".repeat(100));
        }
        return new ManifestContent.Image(Instant.EPOCH, new Platform("linux", "amd64", null), map);
    }

    @Test
    void boundedByBytesAsWellAsEntries() {
        ManifestContent.Image large = image(100); // about 30 KB estimated
        long each = MetadataCache.estimate("sha256:0", large);
        MetadataCache cache = new MetadataCache(10_000, each * 3 + each / 2);

        for (int i = 0; i < 10; i++) {
            cache.put("sha256:" + i, large);
        }

        assertEquals(3, cache.size(), "only what fits in the byte bound stays");
        assertTrue(cache.bytes() <= each * 3 + each / 2);
        assertTrue(cache.get("sha256:9").isPresent(), "the newest stays");
        assertTrue(cache.get("sha256:0").isEmpty(), "the least recently used went first");
    }

    @Test
    void boundedByEntries() {
        MetadataCache cache = new MetadataCache(2, 1L << 30);
        cache.put("sha256:a", image(0));
        cache.put("sha256:b", image(0));
        cache.get("sha256:a");
        cache.put("sha256:c", image(0));
        assertEquals(2, cache.size());
        assertTrue(cache.get("sha256:b").isEmpty(), "b was used least recently");
    }

    @Test
    void concurrentLoadsOfOneDigestRunTheLoaderOnce() throws Exception {
        MetadataCache cache = new MetadataCache(100);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ManifestContent>> all = java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> cache.load("sha256:same", () -> {
                                loads.incrementAndGet();
                                try {
                                    release.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return image(1);
                            }),
                            executor))
                    .toList();
            Thread.sleep(200); // let them all ask while the first load is held
            release.countDown();
            ManifestContent first = all.get(0).join();
            all.forEach(future -> assertEquals(first, future.join()));
        }
        assertEquals(1, loads.get());
    }

    @Test
    void aFailedLoadIsNotCachedAndTheNextCallerTriesAgain() {
        MetadataCache cache = new MetadataCache(100);
        assertThrows(
                RegistryException.class,
                () -> cache.load("sha256:x", () -> {
                    throw new RegistryException("registry down");
                }));
        assertEquals(image(0), cache.load("sha256:x", () -> image(0)));
    }
}
