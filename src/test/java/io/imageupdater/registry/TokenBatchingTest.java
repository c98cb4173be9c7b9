package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.FakeRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Tokens for the repositories of one cycle are asked for in batches (several {@code scope} parameters, as Docker Hub
 * accepts), against a loopback token service whose tokens only open the repositories they were asked for; with a
 * fallback to one token per repository when a batch is refused, or when a batched token is refused for a repository.
 */
@QuarkusTest
class TokenBatchingTest {

    private static final List<String> TAGS = List.of("1.0.0", "1.1.0");

    private static List<String> repositories(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "acme/service-" + i).toList();
    }

    private static List<List<String>> listAll(FakeRegistry fake, List<String> repositories) {
        try (Registries registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(name -> null),
                Clock.systemUTC(),
                RegistryClientSettings.defaults())) {
            TagCatalog catalog = registries.newCatalog();
            List<CompletableFuture<List<Tag>>> all = repositories.stream()
                    .map(repository -> catalog.tags(ImageRef.parse(fake.host() + "/" + repository)))
                    .toList();
            return all.stream()
                    .map(future -> future.join().stream().map(Tag::name).toList())
                    .toList();
        }
    }

    private static FakeRegistry fake(List<String> repositories) {
        FakeRegistry fake = FakeRegistry.start().requireBearerToken();
        repositories.forEach(repository -> fake.withTags(repository, TAGS));
        return fake;
    }

    @Test
    void tokensForTheRepositoriesOfOneCycleAreAskedForInBatches() {
        List<String> repositories = repositories(100);
        try (FakeRegistry fake = fake(repositories)) {
            List<List<String>> listed = listAll(fake, repositories);

            listed.forEach(tags -> assertEquals(TAGS, tags));
            assertTrue(fake.tokenRequests() <= 100 / 10, "token requests: " + fake.tokenRequests());
            assertTrue(
                    fake.scopeRequests().stream().anyMatch(scopes -> scopes.size() > 1),
                    "several scopes in one request: " + fake.scopeRequests());
        }
    }

    @Test
    void aRefusedBatchFallsBackToOneTokenPerRepository() {
        List<String> repositories = repositories(12);
        try (FakeRegistry fake = fake(repositories).refuseSeveralScopes()) {
            List<List<String>> listed = listAll(fake, repositories);

            listed.forEach(tags -> assertEquals(TAGS, tags));
            List<List<String>> granted = fake.scopeRequests().stream()
                    .filter(scopes -> scopes.size() == 1)
                    .toList();
            assertEquals(12, granted.size(), "one token per repository after the refusal: " + fake.scopeRequests());
            assertEquals(1, fake.scopeRequests().size() - granted.size(), "a single batch was tried");
        }
    }

    @Test
    void aBatchedTokenTheRegistryRefusesForARepositoryIsReplacedByItsOwn() {
        List<String> repositories = repositories(12);
        try (FakeRegistry fake = fake(repositories).grantOnlyFirstScopes(1)) {
            List<List<String>> listed = listAll(fake, repositories);

            listed.forEach(tags -> assertEquals(TAGS, tags));
            assertTrue(
                    fake.scopeRequests().stream().anyMatch(scopes -> scopes.size() > 1),
                    "a batch was asked for: " + fake.scopeRequests());
        }
    }
}
