package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tag listing against a real docker-registry on loopback, open and with htpasswd basic auth. */
@QuarkusTest
class RegistryClientTest {

    private static final List<String> WEB_TAGS =
            IntStream.rangeClosed(1, 7).mapToObj(i -> "1.0." + i).toList();
    private static final String PASSWORD = "correct-horse-battery";

    private static TestRegistry open;
    private static TestRegistry locked;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UpdaterMetrics metrics = new UpdaterMetrics(meters);

    @BeforeAll
    static void startRegistries() {
        open = TestRegistry.start();
        WEB_TAGS.forEach(tag -> open.push("acme/web", tag));
        open.push("single", "latest");
        locked = TestRegistry.startWithBasicAuth("robot", PASSWORD);
        List.of("2.0.0", "2.1.0", "3.0.0").forEach(tag -> locked.push("acme/private", tag));
    }

    @AfterAll
    static void stopRegistries() {
        if (open != null) {
            open.close();
        }
        if (locked != null) {
            locked.close();
        }
    }

    private Registries registries(Integer pageSize, Map<String, String> environment) {
        return new Registries(
                metrics,
                new EnvCredentialResolver(environment::get),
                Clock.systemUTC(),
                RegistryClientSettings.defaults().withPageSize(pageSize));
    }

    private RegistryClient clientFor(Registries registries, TestRegistry registry) {
        return registries.client(registries.endpointFor(ImageRef.parse(registry.host() + "/any")));
    }

    @Test
    void registryIgnoringPageSizeStillYieldsEveryTag() {
        // docker-registry 2.8 ignores n on tags/list and sends no Link; pagination itself is covered by PaginationTest
        try (Registries registries = registries(2, Map.of())) {
            List<String> tags = clientFor(registries, open).listTags("acme/web");
            assertEquals(Set.copyOf(WEB_TAGS), Set.copyOf(tags));
            assertEquals(WEB_TAGS.size(), tags.size());
            assertEquals(1, metrics.registryRequests(open.host()));
        }
    }

    @Test
    void listsInOneRequestWithoutPageSize() {
        try (Registries registries = registries(null, Map.of())) {
            assertEquals(
                    Set.copyOf(WEB_TAGS), Set.copyOf(clientFor(registries, open).listTags("acme/web")));
            assertEquals(1, metrics.registryRequests(open.host()));
        }
    }

    @Test
    void pageSizeLargerThanTheListIsOnePage() {
        try (Registries registries = registries(100, Map.of())) {
            assertEquals(List.of("latest"), clientFor(registries, open).listTags("single"));
            assertEquals(1, metrics.registryRequests(open.host()));
        }
    }

    @Test
    void unknownRepositoryFailsNamingRegistryRepositoryAndStatus() {
        try (Registries registries = registries(null, Map.of())) {
            RepositoryNotFoundException e = assertThrows(
                    RepositoryNotFoundException.class,
                    () -> clientFor(registries, open).listTags("acme/missing"));
            assertTrue(e.getMessage().contains(open.host()), e.getMessage());
            assertTrue(e.getMessage().contains("acme/missing"), e.getMessage());
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    @Test
    void basicAuthRegistryWithEnvCredentials() {
        try (Registries registries = registries(2, Map.of("LOCAL_PULL_CREDS", "robot:" + PASSWORD))) {
            registries.configure(
                    List.of(RegistryEndpoint.of(locked.host(), locked.url()).withCredentials("env:LOCAL_PULL_CREDS")));
            List<String> tags = clientFor(registries, locked).listTags("acme/private");
            assertEquals(Set.of("2.0.0", "2.1.0", "3.0.0"), Set.copyOf(tags));
            assertEquals(2, metrics.registryRequests(locked.host()), "one 401, then the list with basic auth");
            clientFor(registries, locked).listTags("acme/private");
            assertEquals(3, metrics.registryRequests(locked.host()), "basic auth is sent up front once challenged");
        }
    }

    @Test
    void basicAuthRegistryWithoutCredentialsFails() {
        try (Registries registries = registries(null, Map.of())) {
            RegistryAuthenticationException e = assertThrows(
                    RegistryAuthenticationException.class,
                    () -> clientFor(registries, locked).listTags("acme/private"));
            assertEquals(401, e.status());
            assertTrue(
                    e.getMessage().contains("acme/private") && e.getMessage().contains(locked.host()), e.getMessage());
        }
    }

    @Test
    void wrongPasswordFailsWithoutRevealingIt() {
        try (Registries registries = registries(null, Map.of("LOCAL_PULL_CREDS", "robot:wrong-password-xyz"))) {
            registries.configure(
                    List.of(RegistryEndpoint.of(locked.host(), locked.url()).withCredentials("env:LOCAL_PULL_CREDS")));
            RegistryAuthenticationException e = assertThrows(
                    RegistryAuthenticationException.class,
                    () -> clientFor(registries, locked).listTags("acme/private"));
            assertEquals(401, e.status());
            assertFalse(e.getMessage().contains("wrong-password-xyz"), e.getMessage());
            assertEquals(
                    1,
                    meters.get("argocd_image_updater_registry_requests_failed")
                            .tag("registry", locked.host())
                            .counter()
                            .count());
        }
    }
}
