package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.FakeRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Link: <…>; rel="next"} pagination, against a loopback fake that honours {@code n} and {@code last}. */
@QuarkusTest
class PaginationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "several full pages   | 10 | 3  | 4",
                "exact multiple       | 9  | 3  | 3",
                "one page             | 2  | 5  | 1",
                "one tag per page     | 4  | 1  | 4",
            })
    void followsNextLinksUntilTheLastPage(String row, int tagCount, int pageSize, int expectedRequests) {
        List<String> tags = IntStream.rangeClosed(1, tagCount)
                .mapToObj(i -> "v%02d".formatted(i))
                .toList();
        UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());
        try (FakeRegistry fake = FakeRegistry.start().withTags("acme/paged", tags);
                Registries registries = registries(metrics, pageSize)) {
            RegistryClient client =
                    registries.client(registries.endpointFor(ImageRef.parse(fake.host() + "/acme/paged")));
            assertEquals(tags, client.listTags("acme/paged"));
            assertEquals(
                    expectedRequests, fake.requests().size(), fake.requests().toString());
            assertEquals(expectedRequests, metrics.registryRequests(fake.host()));
            assertTrue(
                    fake.requests().get(0).contains("n=" + pageSize),
                    fake.requests().toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "relative link with last       | LAST           | 3",
                "absolute link with page token | ABSOLUTE_TOKEN | 3",
                "absolute link, one per page   | ABSOLUTE_TOKEN | 1",
            })
    void followsTheNextLinkAsGiven(String row, FakeRegistry.LinkStyle style, int pageSize) {
        List<String> tags =
                IntStream.rangeClosed(1, 7).mapToObj(i -> "v%02d".formatted(i)).toList();
        try (FakeRegistry fake =
                        FakeRegistry.start().withTags("acme/paged", tags).withLinkStyle(style);
                Registries registries = registries(pageSize)) {
            RegistryClient client =
                    registries.client(registries.endpointFor(ImageRef.parse(fake.host() + "/acme/paged")));
            assertEquals(tags, client.listTags("acme/paged"));
            assertEquals(
                    (tags.size() + pageSize - 1) / pageSize,
                    fake.requests().size(),
                    fake.requests().toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "next link is not http        | NOT_HTTP | not an http(s) URL",
                "next link back to the page   | LOOP     | points back to a page already read",
            })
    void aNextLinkThatCannotBeFollowedEndsTheListWithAWarn(String row, FakeRegistry.LinkStyle style, String reason) {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() == java.util.logging.Level.WARNING.intValue()
                        && record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                    warnings.add(ext.getFormattedMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("");
        logger.addHandler(capture);
        try (FakeRegistry fake = FakeRegistry.start()
                        .withTags("acme/paged", List.of("a", "b", "c", "d", "e"))
                        .withLinkStyle(style);
                Registries registries = registries(2)) {
            RegistryClient client =
                    registries.client(registries.endpointFor(ImageRef.parse(fake.host() + "/acme/paged")));

            assertEquals(List.of("a", "b"), client.listTags("acme/paged"));

            assertEquals(1, warnings.size(), warnings.toString());
            String warning = warnings.get(0);
            assertTrue(
                    warning.contains(fake.host()) && warning.contains("acme/paged") && warning.contains(reason),
                    warning);
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static Registries registries(int pageSize) {
        return registries(new UpdaterMetrics(new SimpleMeterRegistry()), pageSize);
    }

    private static Registries registries(UpdaterMetrics metrics, int pageSize) {
        return new Registries(
                metrics,
                new EnvCredentialResolver(name -> null),
                Clock.systemUTC(),
                RegistryClientSettings.defaults().withPageSize(pageSize));
    }

    @Test
    void requestsAreSpacedByTheEndpointLimit() {
        List<String> tags =
                IntStream.rangeClosed(1, 10).mapToObj(i -> "v%02d".formatted(i)).toList();
        try (FakeRegistry fake = FakeRegistry.start().withTags("acme/paged", tags);
                Registries registries = registries(2)) {
            RegistryEndpoint limited = new RegistryEndpoint(
                    "limited", fake.host(), fake.url(), true, null, null, false, false, TagSortMode.NONE, 20.0, null);
            long start = System.nanoTime();
            assertEquals(tags, registries.client(limited).listTags("acme/paged"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(5, fake.requests().size());
            assertTrue(
                    elapsed.compareTo(Duration.ofMillis(190)) >= 0, "5 requests at 20/s take 200 ms, took " + elapsed);
        }
    }
}
