package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Platform;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redirects are followed by us: a real docker-registry behind a front on 127.0.0.1 that demands Basic credentials
 * and sends content reads by digest to an "object store" on a second host, 127.0.0.2, with a presigned URL. The
 * store answers 400 to any request carrying {@code Authorization}, as S3 does, and records what it receives.
 */
@QuarkusTest
class RedirectTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "redirect-s3cret";
    private static final String PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=0123abcd%2B%3D";
    private static final Pattern BY_DIGEST = Pattern.compile("/v2/.+/(blobs|manifests)/sha256:[0-9a-f]{64}");
    private static final Platform AMD64 = new Platform("linux", "amd64", null);

    private static TestRegistry registry;
    private static RegistryProxy store;
    private static RegistryProxy front;
    private static Map<String, String> digests;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        digests = Map.of(
                "1.0.0", registry.push("acme/web", "1.0.0", Instant.parse("2026-01-01T00:00:00Z")),
                "1.1.0", registry.push("acme/web", "1.1.0", Instant.parse("2026-01-02T00:00:00Z")));
        store = RegistryProxy.start("127.0.0.2", registry.url())
                .refuseAuthorization()
                .redirect(uri -> {
                    Matcher loop = Pattern.compile("/loop/(\\d+)").matcher(uri.getPath());
                    return loop.matches()
                            ? "/loop/" + (Integer.parseInt(loop.group(1)) + 1) + "?X-Amz-Signature=loop-s3cret"
                            : null;
                });
        front = RegistryProxy.start("127.0.0.1", registry.url())
                .requireBasic(USER, PASSWORD)
                .redirect(uri -> {
                    if (BY_DIGEST.matcher(uri.getPath()).matches()) {
                        return store.url() + uri.getPath() + "?" + PRESIGNED_QUERY;
                    }
                    if (uri.getPath().equals("/v2/acme/web/tags/list") && uri.getQuery() == null) {
                        return "/v2/acme/web/tags/list?moved=1"; // same origin: credentials stay
                    }
                    if (uri.getPath().equals("/v2/acme/loop/tags/list")) {
                        return store.url() + "/loop/0?X-Amz-Signature=loop-s3cret";
                    }
                    return null;
                });
    }

    @AfterAll
    static void stop() {
        front.close();
        store.close();
        registry.close();
    }

    private Registries registries() {
        Registries registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(Map.of("CREDS", USER + ":" + PASSWORD)::get),
                Clock.systemUTC(),
                RegistryClientSettings.defaults());
        return registries.configure(
                List.of(RegistryEndpoint.of(front.host(), front.url()).withCredentials("env:CREDS")));
    }

    @Test
    void presignedObjectStoreUrlsGetNoCredentialsAndTheMetadataIsRead() {
        int before = store.seen().size();
        try (Registries registries = registries()) {
            ImageRef image = ImageRef.parse(front.host() + "/acme/web");
            List<Tag> tags = registries
                    .newCatalog()
                    .tagsWithMetadata(image, new TagQuery(Set.of(AMD64), name -> true, true), null)
                    .join();

            assertEquals(
                    Set.of("1.0.0", "1.1.0"),
                    Set.copyOf(tags.stream().map(Tag::name).toList()));
            for (Tag tag : tags) {
                assertEquals(digests.get(tag.name()), tag.digest(), tag.toString());
                assertTrue(tag.created() != null, "the config blob was read through the store: " + tag);
            }
        }
        List<RegistryProxy.Seen> atStore =
                store.seen().subList(before, store.seen().size());
        assertTrue(atStore.size() >= 2, "config blobs came from the store: " + atStore);
        for (RegistryProxy.Seen seen : atStore) {
            assertEquals(null, seen.authorization(), "no credential may reach another host: " + seen);
            assertTrue(seen.pathAndQuery().endsWith("?" + PRESIGNED_QUERY), "the URL is kept as given: " + seen);
        }
        assertTrue(
                front.seen().stream()
                        .anyMatch(seen -> seen.pathAndQuery().equals("/v2/acme/web/tags/list?moved=1")
                                && seen.authorization() != null),
                "a same-origin redirect keeps the credentials: " + front.seen());
    }

    @Test
    void aRedirectLoopEndsAfterFiveHopsWithAnErrorNamingRegistryAndUrlWithoutItsQuery() {
        int before = store.seen().size();
        try (Registries registries = registries()) {
            RegistryClient client =
                    registries.client(registries.endpointFor(ImageRef.parse(front.host() + "/acme/loop")));

            RegistryRedirectException e =
                    assertThrows(RegistryRedirectException.class, () -> client.listTags("acme/loop"));

            assertTrue(e.getMessage().contains(front.host()), e.getMessage());
            assertTrue(e.getMessage().contains(store.url() + "/loop/5"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertFalse(e.getMessage().contains("X-Amz"), e.getMessage());
        }
        List<RegistryProxy.Seen> atStore =
                store.seen().subList(before, store.seen().size());
        assertEquals(5, atStore.size(), "five redirects followed, the sixth refused: " + atStore);
        assertTrue(atStore.stream().allMatch(seen -> seen.authorization() == null), atStore.toString());
    }
}
