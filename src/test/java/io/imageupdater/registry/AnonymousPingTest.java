package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.RegistryProxy;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry whose {@code /v2/} answers 200 to anyone but whose repositories need credentials (Argo CD Image Updater
 * #1797, where a successful anonymous ping made the updater drop the configured credentials): the configured
 * credentials are offered on the repository's 401 challenge, and the listing (so the update) succeeds.
 */
@QuarkusTest
class AnonymousPingTest {
    private static final String USER = "robot";
    private static final String PASSWORD = "pr0tected-repo";
    private static TestRegistry registry;
    private static RegistryProxy front;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Registries registries;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
        front = RegistryProxy.start("127.0.0.1", registry.url())
                .allowAnonymousPing()
                .requireBasic(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        front.close();
        registry.close();
    }

    @AfterEach
    void closeRegistries() {
        if (registries != null) {
            registries.close();
        }
    }

    private RegistryClient client(Map<String, String> env, String credentials) {
        registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(env::get),
                clock,
                RegistryClientSettings.defaults());
        RegistryEndpoint endpoint = RegistryEndpoint.of(front.host(), front.url());
        registries.configure(List.of(credentials == null ? endpoint : endpoint.withCredentials(credentials)));
        return registries.client(registries.endpointFor(ImageRef.parse(front.host() + "/acme/web")));
    }

    @Test
    void theApiRootIsOpenToAnyone() throws Exception {
        HttpResponse<String> ping = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(front.url().resolve("/v2/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ping.statusCode());
    }

    @Test
    void configuredCredentialsAreUsedForTheProtectedRepository() {
        int before = front.seen().size();

        List<String> tags =
                client(Map.of("CREDS", USER + ":" + PASSWORD), "env:CREDS").listTags("acme/web");

        assertEquals(Set.of("1.0.0", "1.1.0"), Set.copyOf(tags));
        List<RegistryProxy.Seen> seen =
                front.seen().subList(before, front.seen().size());
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
        RegistryProxy.Seen last = seen.get(seen.size() - 1);
        assertTrue(last.pathAndQuery().startsWith("/v2/acme/web/tags/list"), last.toString());
        assertEquals(basic, last.authorization(), "the listing that succeeded carried the configured credentials");
    }

    @Test
    void withoutCredentialsTheProtectedRepositoryIsAClearError() {
        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class,
                () -> client(Map.of(), null).listTags("acme/web"));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("acme/web"), e.getMessage());
    }
}
