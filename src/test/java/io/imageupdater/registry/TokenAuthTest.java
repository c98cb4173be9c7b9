package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.FakeRegistry;
import io.imageupdater.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Bearer token dance against a loopback fake registry with its own token service. */
@QuarkusTest
class TokenAuthTest {

    private static final List<String> TAGS = List.of("1.0.0", "1.1.0");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());
    private final FakeRegistry fake = FakeRegistry.start()
            .withTags("acme/web", TAGS)
            .withTags("acme/api", TAGS)
            .requireBearerToken();
    private Registries registries;

    @AfterEach
    void stop() {
        fake.close();
        if (registries != null) {
            registries.close();
        }
    }

    private RegistryClient client(Map<String, String> environment, String credentials) {
        registries = new Registries(
                metrics, new EnvCredentialResolver(environment::get), clock, RegistryClientSettings.defaults());
        if (credentials != null) {
            registries.configure(
                    List.of(RegistryEndpoint.of(fake.host(), fake.url()).withCredentials(credentials)));
        }
        return registries.client(registries.endpointFor(ImageRef.parse(fake.host() + "/acme/web")));
    }

    @ParameterizedTest(name = "token field {0}")
    @ValueSource(strings = {"token", "access_token"})
    void anonymousTokenIsFetchedAndPresented(String field) {
        fake.tokenAnswer(field, 300);
        RegistryClient client = client(Map.of(), null);
        assertEquals(TAGS, client.listTags("acme/web"));
        assertEquals(1, fake.tokenRequests());
        assertEquals(List.of("/v2/acme/web/tags/list [none]", "/v2/acme/web/tags/list [Bearer]"), fake.requests());
        assertEquals(3, metrics.registryRequests(fake.host()), "401, token request, authorised retry");
    }

    @Test
    void tokenIsCachedPerScopeUntilItExpires() {
        RegistryClient client = client(Map.of(), null);
        client.listTags("acme/web");
        client.listTags("acme/web");
        assertEquals(1, fake.tokenRequests(), "the cached token is reused");
        client.listTags("acme/api");
        assertEquals(2, fake.tokenRequests(), "another repository is another scope");
        clock.advance(Duration.ofSeconds(301));
        client.listTags("acme/web");
        assertEquals(3, fake.tokenRequests(), "an expired token is replaced");
        assertEquals(
                List.of("[none]", "[Bearer]", "[Bearer]", "[Bearer]", "[Bearer]"),
                fake.requests().stream()
                        .map(r -> r.substring(r.indexOf(' ') + 1))
                        .toList(),
                "after the first challenge tokens are fetched before the request");
    }

    @Test
    void credentialsAreSentToTheTokenService() {
        fake.requireTokenCredentials("robot", "token-secret-123");
        RegistryClient client = client(Map.of("FAKE_CREDS", "robot:token-secret-123"), "env:FAKE_CREDS");
        assertEquals(TAGS, client.listTags("acme/web"));
        assertEquals(1, fake.tokenRequests());
    }

    @Test
    void rejectedTokenRequestFailsWithoutLeakingCredentials() {
        fake.requireTokenCredentials("robot", "token-secret-123");
        RegistryClient client = client(Map.of("FAKE_CREDS", "robot:wrong-secret-456"), "env:FAKE_CREDS");
        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client.listTags("acme/web"));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("token request") && e.getMessage().contains("acme/web"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret-456"), e.getMessage());
        assertFalse(e.getMessage().contains("incorrect username"), "auth response bodies stay out: " + e.getMessage());
    }

    @Test
    void anonymousAccessRefusedByTokenServiceFails() {
        fake.requireTokenCredentials("robot", "token-secret-123");
        RegistryClient client = client(Map.of(), null);
        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client.listTags("acme/web"));
        assertTrue(e.getMessage().contains(fake.host()), e.getMessage());
    }
}
