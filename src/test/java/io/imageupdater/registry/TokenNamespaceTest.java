package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialSources;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.credentials.ExtCredentialResolver;
import io.imageupdater.credentials.KubernetesCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Platform;
import io.imageupdater.image.Tag;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.testing.TokenServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Token and credential caches are keyed by who may use them: a real docker-registry with token authentication, a
 * pull secret in namespace A, and an Application in namespace B that names A's secret after A's token is cached.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TokenNamespaceTest {

    private static final String USER = "team-a-robot";
    private static final String PASSWORD = "team-a-s3cret";
    private static final Namespaces NAMESPACES = new Namespaces("tenant");

    private static Path dir;
    private static TokenServer tokens;
    private static TestRegistry registry;

    @Inject
    KubernetesClient kubernetes;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("token-namespace-");
        tokens = TokenServer.start(dir).requireBasic(USER, PASSWORD);
        registry = TestRegistry.startWithTokenAuth(tokens.registryAuthYaml(), tokens::pushAuthorization);
        registry.push("acme/web", "1.0.0");
        registry.push("acme/web", "1.1.0");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        tokens.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anotherNamespaceNamingACachedPullSecretIsRefusedBeforeAnyCacheIsConsulted() throws Exception {
        String a = NAMESPACES.next();
        String b = NAMESPACES.next();
        pullSecret(a, "regcred");
        CredentialRef ref = CredentialRef.parse("pullsecret:" + a + "/regcred");
        PullCredentials ownerA = new PullCredentials(ref, a, "app-a");
        PullCredentials intruderB = new PullCredentials(ref, b, "app-b");
        ImageRef image = ImageRef.parse(registry.host() + "/acme/web");
        try (Registries registries = registries()) {
            assertEquals(Set.of("1.0.0", "1.1.0"), names(registries.newCatalog().tags(image, ownerA)));
            int tokenRequests = tokens.scopes().size();
            long listings = registry.requestCount("GET", "/v2/acme/web/tags/list");

            // a later cycle, and the same cycle as A: B is refused each time, listing and metadata alike
            refused(registries.newCatalog().tags(image, intruderB), b);
            TagCatalog catalog = registries.newCatalog();
            assertEquals(Set.of("1.0.0", "1.1.0"), names(catalog.tags(image, ownerA)));
            refused(catalog.tags(image, intruderB), b);
            refused(
                    catalog.tagsWithMetadata(
                            image,
                            new TagQuery(Set.of(new Platform("linux", "amd64", null)), t -> true, true),
                            intruderB),
                    b);

            assertEquals(tokenRequests, tokens.scopes().size(), "A's cached token served A again; B got none");
            assertEquals(
                    listings + 1,
                    registry.requestCount("GET", "/v2/acme/web/tags/list"),
                    "only A's second listing reached the registry");
        }
    }

    private Registries registries() {
        return new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                CredentialSources.of(
                        new EnvCredentialResolver(name -> null),
                        new KubernetesCredentialResolver(kubernetes, () -> "updater"),
                        new ExtCredentialResolver()),
                Clock.systemUTC(),
                RegistryClientSettings.defaults());
    }

    private void pullSecret(String namespace, String name) {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}";
        kubernetes
                .secrets()
                .inNamespace(namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withType("kubernetes.io/dockerconfigjson")
                        .withData(Map.of(
                                ".dockerconfigjson",
                                Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8))))
                        .build())
                .create();
    }

    private static Set<String> names(Future<List<Tag>> tags) throws Exception {
        return Set.copyOf(tags.get(30, TimeUnit.SECONDS).stream().map(Tag::name).toList());
    }

    private static void refused(Future<List<Tag>> tags, String namespace) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> tags.get(30, TimeUnit.SECONDS));
        assertInstanceOf(RegistryCredentialsException.class, e.getCause(), String.valueOf(e.getCause()));
        assertTrue(
                e.getCause().getMessage().contains("only secrets in namespace " + namespace + " may be used"),
                e.getCause().getMessage());
    }
}
