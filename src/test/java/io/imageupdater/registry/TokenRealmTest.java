package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TokenServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real docker-registry on 127.0.0.1 whose Bearer realm is on another host, 127.0.0.2, over plain http: Basic
 * credentials go there only when the registry entry is {@code insecure}.
 */
@QuarkusTest
class TokenRealmTest {

    private static final String SECRET = "realm-s3cret";

    private static Path dir;
    private static TokenServer tokens;
    private static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("token-realm-");
        tokens = TokenServer.start(dir, "127.0.0.2").requireBasic("robot", SECRET);
        registry = TestRegistry.startWithTokenAuth(tokens.registryAuthYaml(), tokens::pushAuthorization);
        registry.push("acme/web", "1.0.0");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        tokens.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Registries registries(boolean insecure) {
        Registries registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(Map.of("CREDS", "robot:" + SECRET)::get),
                Clock.systemUTC(),
                RegistryClientSettings.defaults().withRetry(RetryPolicy.never()));
        RegistryEndpoint endpoint = new RegistryEndpoint(
                registry.host(),
                registry.host(),
                registry.url(),
                false,
                "env:CREDS",
                null,
                false,
                insecure,
                TagSortMode.NONE,
                null,
                null);
        return registries.configure(List.of(endpoint));
    }

    private static RegistryClient client(Registries registries) {
        return registries.client(registries.endpoints().all().get(0));
    }

    @Test
    void aPlainHttpRealmOnAnotherHostGetsNoCredentials() {
        int before = tokens.authorizations().size();
        try (Registries registries = registries(false)) {
            RegistryAuthenticationException e = assertThrows(
                    RegistryAuthenticationException.class,
                    () -> client(registries).listTags("acme/web"));
            assertTrue(e.getMessage().contains("token"), e.getMessage());
        }
        List<String> presented =
                tokens.authorizations().subList(before, tokens.authorizations().size());
        assertTrue(!presented.isEmpty(), "the realm was asked (anonymously)");
        assertEquals(Set.of("none"), Set.copyOf(presented), "no credentials went to the realm");
    }

    @Test
    void anInsecureRegistryEntryLetsCredentialsGoToThatRealm() {
        int before = tokens.authorizations().size();
        try (Registries registries = registries(true)) {
            assertEquals(List.of("1.0.0"), client(registries).listTags("acme/web"));
        }
        List<String> presented =
                tokens.authorizations().subList(before, tokens.authorizations().size());
        assertTrue(presented.stream().allMatch(a -> a.startsWith("Basic ")), presented.toString());
    }
}
