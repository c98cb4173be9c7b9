package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading registries.conf into the bean; no Quarkus boot needed since no client is built. */
class RegistriesTest {

    private Registries registries() {
        return new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                new EnvCredentialResolver(n -> null),
                Clock.systemUTC(),
                RegistryClientSettings.defaults());
    }

    @Test
    void givenFileIsLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registries.conf");
        Files.writeString(file, "registries:\n- {prefix: ghcr.io, api_url: https://ghcr.io, default: true}\n");
        try (Registries registries = registries().configure(Optional.of(file))) {
            assertEquals(
                    "ghcr.io", registries.endpointFor(ImageRef.parse("nginx")).prefix());
            assertEquals(2, registries.endpoints().all().size());
        }
    }

    @Test
    void givenFileThatIsMissingIsAnError(@TempDir Path dir) {
        try (Registries registries = registries()) {
            RegistryConfigException e = assertThrows(
                    RegistryConfigException.class, () -> registries.configure(Optional.of(dir.resolve("nope.conf"))));
            assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
        }
    }

    @Test
    void givenFileThatIsInvalidIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registries.conf");
        Files.writeString(file, "registries:\n- {prefix: ghcr.io, api_url: https://ghcr.io, sortmode: none}\n");
        try (Registries registries = registries()) {
            RegistryConfigException e =
                    assertThrows(RegistryConfigException.class, () -> registries.configure(Optional.of(file)));
            assertTrue(e.getMessage().contains("sortmode"), e.getMessage());
        }
    }

    @Test
    void noFileMeansBuiltInsOnly() {
        // assumes nothing is mounted at /app/config/registries.conf on a build machine
        try (Registries registries = registries().configure(Optional.empty())) {
            assertEquals(
                    Files.exists(Registries.DEFAULT_CONFIG)
                            ? registries.endpoints().all().size()
                            : 1,
                    registries.endpoints().all().size());
            assertEquals(RegistryEndpoints.DOCKER_HUB, registries.endpointFor(ImageRef.parse("nginx")));
        }
    }

    @Test
    void reconfiguringReplacesTheEndpoints() {
        try (Registries registries = registries()) {
            registries.configure(
                    List.of(RegistryEndpoint.of("quay.io", java.net.URI.create("https://quay-mirror.example"))));
            assertEquals(
                    "https://quay-mirror.example",
                    registries
                            .endpointFor(ImageRef.parse("quay.io/a/b"))
                            .apiUrl()
                            .toString());
            registries.configure(List.of());
            assertEquals(
                    "https://quay.io",
                    registries
                            .endpointFor(ImageRef.parse("quay.io/a/b"))
                            .apiUrl()
                            .toString());
        }
    }
}
