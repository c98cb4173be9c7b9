package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TokenServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Bearer flow against a real docker-registry with {@code auth: token} and a token service signing JWTs. */
@QuarkusTest
class RealTokenAuthTest {

    private static Path dir;
    private static TokenServer tokens;
    private static TestRegistry registry;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Registries registries;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("token-auth-");
        tokens = TokenServer.start(dir).requireBasic("robot", "t0ken-s3cret");
        registry = TestRegistry.startWithTokenAuth(tokens.registryAuthYaml(), tokens::pushAuthorization);
        registry.push("acme/web", "1.0.0");
        registry.push("acme/web", "1.1.0");
        registry.push("acme/api", "0.1.0");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        tokens.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void closeRegistries() {
        if (registries != null) {
            registries.close();
        }
    }

    private RegistryClient client(String userPass) {
        registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(Map.of("CREDS", userPass)::get),
                clock,
                RegistryClientSettings.defaults());
        registries.configure(
                List.of(RegistryEndpoint.of(registry.host(), registry.url()).withCredentials("env:CREDS")));
        return registries.client(registries.endpointFor(ImageRef.parse(registry.host() + "/acme/web")));
    }

    private int tokenRequests() {
        return tokens.scopes().size();
    }

    @Test
    void bearerTokenFromTheRealmOpensTheRegistry() {
        int before = tokenRequests();
        assertEquals(
                java.util.Set.of("1.0.0", "1.1.0"),
                java.util.Set.copyOf(client("robot:t0ken-s3cret").listTags("acme/web")));
        assertEquals(List.of("repository:acme/web:pull"), tokens.scopes().subList(before, tokenRequests()));
    }

    @Test
    void tokenIsReusedPerScopeUntilItExpires() {
        tokens.expiresIn(300);
        RegistryClient client = client("robot:t0ken-s3cret");
        int before = tokenRequests();
        client.listTags("acme/web");
        client.listTags("acme/web");
        assertEquals(1, tokenRequests() - before, "the second listing reuses the token");

        assertEquals(List.of("0.1.0"), client.listTags("acme/api"));
        assertEquals(
                List.of("repository:acme/web:pull", "repository:acme/api:pull"),
                tokens.scopes().subList(before, tokenRequests()),
                "another repository needs its own scope");

        clock.advance(Duration.ofSeconds(301));
        client.listTags("acme/web");
        assertEquals(3, tokenRequests() - before, "an expired token is replaced");
    }

    @Test
    void wrongCredentialsAreRefusedByTheTokenServiceWithAClearError() {
        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class,
                () -> client("robot:wrong-password").listTags("acme/web"));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains(registry.host()) && e.getMessage().contains("acme/web"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong-password"), e.getMessage());
    }

    @Test
    void scopeForAzureRegistriesAddsMetadataAndContentRead() {
        RegistryApis apis = new RegistryApis(RegistryClientSettings.defaults());
        UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());
        RegistryEndpoint acr = RegistryEndpoint.of("acme.azurecr.io", java.net.URI.create("https://acme.azurecr.io"));
        RegistryEndpoint ghcr = RegistryEndpoint.of("ghcr.io", java.net.URI.create("https://ghcr.io"));
        assertEquals(
                "repository:team/web:pull,metadata_read,content_read",
                new Authenticator(acr, new RegistryRequests(acr, apis, new HostPermits(8), metrics, clock), clock)
                        .scope("team/web"));
        assertEquals(
                "repository:team/web:pull",
                new Authenticator(ghcr, new RegistryRequests(ghcr, apis, new HostPermits(8), metrics, clock), clock)
                        .scope("team/web"));
    }
}
