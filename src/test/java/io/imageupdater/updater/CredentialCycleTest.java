package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.credentials.CredentialSources;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.credentials.ExtCredentialResolver;
import io.imageupdater.credentials.KubernetesCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryClientSettings;
import io.imageupdater.registry.RegistryEndpoint;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every credential source against a real docker-registry with htpasswd basic auth, through whole update cycles
 * (Applications and Secrets in the mock API server); and a scan of everything logged at TRACE for the secrets.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CredentialCycleTest {
    private static final String USER = "robot";
    private static final String PASSWORD = "Pa55-w0rd-never-logged";
    private static final String WRONG = "Wr0ng-pa55-never-logged";
    private static final Namespaces NAMESPACES = new Namespaces("creds");
    private static TestRegistry registry;
    private static String web;

    @Inject
    CycleParts parts;

    @Inject
    KubernetesClient client;

    @Inject
    CycleApps apps;

    private final Map<String, String> env = new ConcurrentHashMap<>();
    private final AtomicInteger envLookups = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private CapturedLog log;
    private Registries registries;
    private UpdateCycle cycle;
    private String ns;
    private Path script;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.startWithBasicAuth(USER, PASSWORD);
        web = registry.host() + "/acme/web";
        registry.push("acme/web", "1.0.0");
        registry.push("acme/web", "1.4.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        log = CapturedLog.start();
        ns = NAMESPACES.next();
        env.put("REGISTRY_CREDS", USER + ":" + PASSWORD);
        registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                CredentialSources.of(
                        new EnvCredentialResolver(name -> {
                            envLookups.incrementAndGet();
                            return env.get(name);
                        }),
                        new KubernetesCredentialResolver(client, () -> "updater"),
                        new ExtCredentialResolver()),
                clock,
                RegistryClientSettings.defaults());
        cycle = parts.cycle(registries, clock);
        script = Files.createTempFile(
                "creds-", ".sh", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(
                script, "#!/bin/sh\necho '" + USER + ":" + PASSWORD + "'\necho 'noise " + PASSWORD + "' >&2\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        registries.close();
        Files.deleteIfExists(script);
        // ... and nothing in the registry package's own messages either

        List<String> secrets = List.of(PASSWORD, WRONG, base64(USER + ":" + PASSWORD), base64(USER + ":" + WRONG));
        assertTrue(log.sawDebugOrTrace(), "the handler saw DEBUG/TRACE records");
        for (String line : log.lines()) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret was logged: " + line);
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void pullSecret(String namespace, String name, String auths) {
        client.secrets()
                .inNamespace(namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withType("kubernetes.io/dockerconfigjson")
                        .addToData(".dockerconfigjson", base64(auths))
                        .build())
                .create();
    }

    private void opaqueSecret(String namespace, String name, String field, String value) {
        client.secrets()
                .inNamespace(namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .addToData(field, base64(value))
                        .build())
                .create();
    }

    private void app(String name, String pullSecret) {
        apps.create(CycleApps.kustomize(
                ns,
                name,
                pullSecret == null
                        ? Map.of(Annotations.IMAGE_LIST, "web=" + web)
                        : Map.of(
                                Annotations.IMAGE_LIST,
                                "web=" + web,
                                Annotations.forImage("web", "pull-secret"),
                                pullSecret),
                web + ":1.0.0"));
    }

    @Test
    void everyCredentialSourceOpensTheRegistry() {
        pullSecret(
                ns,
                "regcred",
                "{\"auths\":{\"http://" + registry.host() + "\":{\"auth\":\"" + base64(USER + ":" + PASSWORD)
                        + "\"},\"ghcr.io\":{\"username\":\"x\",\"password\":\"y\"}}}");
        pullSecret(
                ns,
                "regcred-fields",
                "{\"auths\":{\"" + registry.host() + "/acme\":{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD
                        + "\"}}}");
        opaqueSecret(ns, "plain", "creds", USER + ":" + PASSWORD);
        app("by-pullsecret", "pullsecret:" + ns + "/regcred");
        app("by-pullsecret-fields", "pullsecret:" + ns + "/regcred-fields");
        app("by-secret", "secret:" + ns + "/plain#creds");
        app("by-env", "env:REGISTRY_CREDS");
        app("by-ext", "ext:" + script);

        CycleResult result = parts.cycle(
                        registries, clock, ApplicationCredentialSources.parse("pullsecret,secret,env,ext"))
                .run(CycleApps.options(ns));

        for (String name : List.of("by-pullsecret", "by-pullsecret-fields", "by-secret", "by-env", "by-ext")) {
            assertEquals(List.of(web + ":1.4.0"), apps.kustomizeImages(ns, name), name + ": " + result.summary());
        }
        assertFalse(result.hasErrors(), result.summary());
    }

    @Test
    void envAndExtFromAnApplicationAreRefusedByDefaultAndNeverResolved() throws Exception {
        Path ran = Files.createTempFile("ext-ran-", ".txt");
        Files.delete(ran);
        Files.writeString(script, "#!/bin/sh\ntouch " + ran + "\necho '" + USER + ":" + PASSWORD + "'\n");
        opaqueSecret(ns, "plain", "creds", USER + ":" + PASSWORD);
        app("by-env", "env:REGISTRY_CREDS");
        app("by-ext", "ext:" + script);
        app("by-secret", "secret:" + ns + "/plain#creds");
        int lookups = envLookups.get();

        CycleResult result = cycle.run(CycleApps.options(ns));

        for (String source : List.of("env", "ext")) {
            String message = CycleApps.outcome(result, ns + "/by-" + source).message();
            assertTrue(
                    message.contains(web)
                            && message.contains(source + ":")
                            && message.contains("application-credential-sources"),
                    message);
            assertFalse(message.contains("REGISTRY_CREDS") || message.contains(script.toString()), message);
            assertNull(apps.kustomizeImages(ns, "by-" + source), source);
        }
        assertEquals(lookups, envLookups.get(), "the updater's environment was never read for an Application");
        assertFalse(Files.exists(ran), "the updater's script never ran for an Application");
        assertEquals(List.of(web + ":1.4.0"), apps.kustomizeImages(ns, "by-secret"));
    }

    @Test
    void registriesConfKeepsEverySource() {
        registries.configure(
                List.of(RegistryEndpoint.of(registry.host(), registry.url()).withCredentials("env:REGISTRY_CREDS")));
        app("conf-env", null);

        CycleResult result = cycle.run(CycleApps.options(ns));

        assertEquals(List.of(web + ":1.4.0"), apps.kustomizeImages(ns, "conf-env"), result.summary());
    }

    @Test
    void registriesConfCredentialsComeFromTheUpdatersNamespace() {
        client.namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName("updater")
                        .endMetadata()
                        .build())
                .createOr(existing -> existing.update());
        opaqueSecret("updater", "conf-creds-" + ns, "creds", USER + ":" + PASSWORD);
        registries.configure(List.of(RegistryEndpoint.of(registry.host(), registry.url())
                .withCredentials("secret:updater/conf-creds-" + ns + "#creds")));
        app("conf", null);

        cycle.run(CycleApps.options(ns));

        assertEquals(List.of(web + ":1.4.0"), apps.kustomizeImages(ns, "conf"));
    }

    @Test
    void wrongOrForeignCredentialsFailOnlyTheirImage() {
        opaqueSecret(ns, "wrong", "creds", USER + ":" + WRONG);
        opaqueSecret("default", "elsewhere-" + ns, "creds", USER + ":" + PASSWORD);
        app("wrong", "secret:" + ns + "/wrong#creds");
        app("foreign", "secret:default/elsewhere-" + ns + "#creds");
        app("malformed", "secret:" + ns + "/no-field");
        app("right", "env:REGISTRY_CREDS");

        CycleResult result = parts.cycle(registries, clock, ApplicationCredentialSources.parse("env,secret"))
                .run(CycleApps.options(ns));

        String wrong = CycleApps.outcome(result, ns + "/wrong").message();
        assertTrue(wrong.contains(registry.host()) && wrong.contains("acme/web") && wrong.contains("401"), wrong);
        String foreign = CycleApps.outcome(result, ns + "/foreign").message();
        assertTrue(
                foreign.contains("namespace default") && foreign.contains("only secrets in namespace " + ns), foreign);
        String malformed = CycleApps.outcome(result, ns + "/malformed").message();
        assertTrue(malformed.contains("secret:" + ns + "/no-field"), malformed);
        for (String name : List.of("wrong", "foreign", "malformed")) {
            assertNull(apps.kustomizeImages(ns, name), name);
        }
        assertEquals(List.of(web + ":1.4.0"), apps.kustomizeImages(ns, "right"));
    }

    @Test
    void cachedCredentialsAreRefreshedOnceAfterA401() {
        registries.configure(
                List.of(RegistryEndpoint.of(registry.host(), registry.url()).withCredentials("env:REGISTRY_CREDS")));
        var client = registries.client(registries.endpointFor(ImageRef.parse(web)));
        env.put("REGISTRY_CREDS", USER + ":" + WRONG);
        assertTrue(
                org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> client.listTags("acme/web"))
                        .getMessage()
                        .contains("401"));

        env.put("REGISTRY_CREDS", USER + ":" + PASSWORD); // rotated; the cache still holds the wrong pair
        int before = envLookups.get();
        assertEquals(2, client.listTags("acme/web").size());
        assertEquals(1, envLookups.get() - before, "one refresh after the 401");

        int cached = envLookups.get();
        client.listTags("acme/web");
        assertEquals(cached, envLookups.get(), "no expiry configured: the credentials stay cached");
    }

    @Test
    void credsexpireResolvesAgainAfterTheConfiguredTime() {
        RegistryEndpoint endpoint = RegistryEndpoint.of(registry.host(), registry.url());
        registries.configure(List.of(new RegistryEndpoint(
                endpoint.name(),
                endpoint.prefix(),
                endpoint.apiUrl(),
                true,
                "env:REGISTRY_CREDS",
                Duration.ofMinutes(5),
                false,
                false,
                null,
                null,
                null)));
        var client = registries.client(registries.endpointFor(ImageRef.parse(web)));
        int before = envLookups.get();
        client.listTags("acme/web");
        clock.advance(Duration.ofMinutes(4));
        client.listTags("acme/web");
        assertEquals(1, envLookups.get() - before);
        clock.advance(Duration.ofMinutes(2));
        client.listTags("acme/web");
        assertEquals(2, envLookups.get() - before);
    }
}
