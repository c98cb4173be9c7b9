package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One update cycle's catalog against a real docker-registry: each repository fetched once, failures kept apart. */
@QuarkusTest
class TagCatalogTest {

    private static TestRegistry registry;

    @Inject
    Registries injected;

    private final UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        List.of("1.0.0", "1.1.0", "2.0.0").forEach(tag -> registry.push("acme/web", tag));
        List.of("0.1.0", "0.2.0").forEach(tag -> registry.push("acme/api", tag));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private Registries registries() {
        return new Registries(
                metrics, new EnvCredentialResolver(name -> null), Clock.systemUTC(), RegistryClientSettings.defaults());
    }

    private ImageRef image(String nameAndTag) {
        return ImageRef.parse(registry.host() + "/" + nameAndTag);
    }

    private static Set<String> names(List<Tag> tags) {
        return Set.copyOf(tags.stream().map(Tag::name).toList());
    }

    @Test
    void eachRepositoryIsFetchedOnceForManyConcurrentCallers() throws Exception {
        long webBefore = registry.requestCount("GET", "/v2/acme/web/tags/list");
        long apiBefore = registry.requestCount("GET", "/v2/acme/api/tags/list");
        try (Registries registries = registries()) {
            TagCatalog catalog = registries.newCatalog();
            List<CompletableFuture<List<Tag>>> web = IntStream.range(0, 50)
                    .parallel()
                    .mapToObj(i -> catalog.tags(image("acme/web:1.0." + i)))
                    .toList();
            List<CompletableFuture<List<Tag>>> api = IntStream.range(0, 50)
                    .parallel()
                    .mapToObj(i -> catalog.tags(image("acme/api@sha256:" + "a".repeat(63) + (i % 10))))
                    .toList();
            for (CompletableFuture<List<Tag>> future : web) {
                assertSame(web.get(0), future);
                assertEquals(Set.of("1.0.0", "1.1.0", "2.0.0"), names(future.get(10, TimeUnit.SECONDS)));
            }
            for (CompletableFuture<List<Tag>> future : api) {
                assertEquals(Set.of("0.1.0", "0.2.0"), names(future.get(10, TimeUnit.SECONDS)));
            }
            assertEquals(2, metrics.registryRequests(registry.host()));
            assertEquals(
                    webBefore + 1, registry.requestCount("GET", "/v2/acme/web/tags/list"), "the access log agrees");
            assertEquals(apiBefore + 1, registry.requestCount("GET", "/v2/acme/api/tags/list"));
        }
    }

    @Test
    void aNewCatalogFetchesAgain() throws Exception {
        try (Registries registries = registries()) {
            registries.newCatalog().tags(image("acme/web:1.0.0")).get(10, TimeUnit.SECONDS);
            registries.newCatalog().tags(image("acme/web:1.0.0")).get(10, TimeUnit.SECONDS);
            assertEquals(2, metrics.registryRequests(registry.host()));
        }
    }

    @Test
    void aFailingRepositoryFailsOnlyItsOwnFuture() throws Exception {
        try (Registries registries = registries()) {
            TagCatalog catalog = registries.newCatalog();
            CompletableFuture<List<Tag>> missing = catalog.tags(image("acme/missing:1.0"));
            CompletableFuture<List<Tag>> web = catalog.tags(image("acme/web:1.0.0"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> missing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RepositoryNotFoundException.class, e.getCause());
            assertEquals(Set.of("1.0.0", "1.1.0", "2.0.0"), names(web.get(10, TimeUnit.SECONDS)));
            assertSame(missing, catalog.tags(image("acme/missing:2.0")), "a failure is not retried within a cycle");
        }
    }

    @Test
    void unreachableRegistryIsAFailedFutureNotAThrow() {
        try (Registries registries = registries()) {
            CompletableFuture<List<Tag>> future =
                    registries.newCatalog().tags(ImageRef.parse("127.0.0.1:1/acme/web:1"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
            assertInstanceOf(RegistryUnavailableException.class, e.getCause());
        }
    }

    @Test
    void theApplicationBeanKnowsTheBuiltInDockerHub() {
        assertEquals(RegistryEndpoints.DOCKER_HUB, injected.endpointFor(ImageRef.parse("nginx:1.25")));
    }
}
