package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Platform;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.SilentServer;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code image-updater.registry.max-concurrent} bounds the requests in flight per registry host, metadata included,
 * counted by a front that holds every request a while; clients of dropped endpoints are closed.
 */
@QuarkusTest
class RegistryLimitsTest {

    private static final List<String> REPOSITORIES =
            IntStream.rangeClosed(1, 4).mapToObj(i -> "acme/app" + i).toList();

    private static TestRegistry registry;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        for (String repository : REPOSITORIES) {
            registry.pushAll(repository, "1.0.0", "1.1.0", "1.2.0");
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static Registries registries(int maxConcurrent) {
        return new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(name -> null),
                Clock.systemUTC(),
                RegistryClientSettings.defaults().withMaxConcurrent(maxConcurrent));
    }

    @Test
    void atMostMaxConcurrentRequestsAreInFlightPerRegistryHostMetadataIncluded() {
        try (RegistryProxy front =
                        RegistryProxy.start("127.0.0.1", registry.url()).delay(Duration.ofMillis(20));
                Registries registries = registries(1)) {
            TagCatalog catalog = registries.newCatalog();
            TagQuery query = new TagQuery(Set.of(new Platform("linux", "amd64", null)), name -> true, true);
            List<CompletableFuture<List<Tag>>> all = REPOSITORIES.stream()
                    .map(repository ->
                            catalog.tagsWithMetadata(ImageRef.parse(front.host() + "/" + repository), query, null))
                    .toList();

            for (CompletableFuture<List<Tag>> tags : all) {
                assertEquals(3, tags.join().size());
            }
            int requests = front.seen().size();
            assertTrue(requests >= 4 * (1 + 3 * 2), "tag lists, manifests and blobs went through: " + requests);
            assertEquals(1, front.maxInFlight(), "one request at a time to the host");
        }
    }

    @Test
    void theClientOfADroppedEndpointIsClosedAndAKeptOneStays() {
        try (Registries registries = registries(8)) {
            RegistryEndpoint kept = RegistryEndpoint.of("kept.example", registry.url());
            RegistryEndpoint dropped = RegistryEndpoint.of(registry.host(), registry.url());
            registries.configure(List.of(kept, dropped));
            RegistryClient keptClient = registries.client(kept);
            RegistryClient droppedClient = registries.client(dropped);
            assertEquals(3, droppedClient.listTags("acme/app1").size());

            registries.configure(List.of(kept));

            RegistryException e = assertThrows(RegistryException.class, () -> droppedClient.listTags("acme/app1"));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertSame(keptClient, registries.client(kept));
            assertEquals(3, keptClient.listTags("acme/app1").size());
        }
    }

    @Test
    void aRegistryThatDoesNotAnswerDelaysNoOtherRegistrysTagLists() throws Exception {
        try (SilentServer stalled = SilentServer.start();
                FakeRegistry fast = FakeRegistry.start();
                Registries registries = registries(2)) {
            for (int i = 1; i <= 3; i++) {
                fast.withTags("acme/fast" + i, List.of("1.0.0", "1.1.0"));
            }
            String stalledHost = URI.create(stalled.httpUrl()).getAuthority();
            TagCatalog catalog = registries.newCatalog();
            List<CompletableFuture<List<Tag>>> stuck = IntStream.rangeClosed(1, 10)
                    .mapToObj(i -> catalog.tags(ImageRef.parse(stalledHost + "/acme/slow" + i)))
                    .toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stalled.connections() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20); // until both of its host's permits are held by requests it never answers
            }
            assertEquals(2, stalled.connections(), "max-concurrent 2: two requests in flight to the stalled host");

            List<CompletableFuture<List<Tag>>> quick = IntStream.rangeClosed(1, 3)
                    .mapToObj(i -> catalog.tags(ImageRef.parse(fast.host() + "/acme/fast" + i)))
                    .toList();

            for (CompletableFuture<List<Tag>> tags : quick) {
                assertEquals(2, tags.get(30, TimeUnit.SECONDS).size());
            }
            assertTrue(
                    stuck.stream().noneMatch(CompletableFuture::isDone),
                    "the other registry's tag lists finished while the stalled one's still wait");
        }
    }
}
