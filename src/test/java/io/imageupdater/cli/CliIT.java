package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.SilentServer;
import io.imageupdater.testing.TestRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged application, run as a user runs it, against a real registry and a mock API server. */
class CliIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static TestRegistry registry;
    private static MockApiServer api;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
        registry.pushAll("acme/web", "0.9.0", "1.0.0", "1.4.2", "2.0.0", "1.5.0-rc.1", "latest");
        api = new MockApiServer();
    }

    @AfterAll
    static void stop() {
        registry.close();
        api.close();
    }

    @Test
    void testCommandPrintsTheDocumentedJsonObject() throws IOException {
        Jar.Result result = testWeb("--semver-constraint", "^1.0", "--output", "json");

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertEquals(registry.host() + "/acme/web:1.4.2", json.get("image").asText());
        assertEquals("1.4.2", json.get("tag").asText());
        assertTrue(json.get("digest").isNull());
        assertEquals("semver", json.get("strategy").asText());
        assertEquals(2, json.get("candidates").asInt());
    }

    @Test
    void testCommandPrintsExactlyOneJsonObjectOnStdoutAndItsWarningsOnStderr() throws IOException {
        Jar.Result result = testWeb(
                "--update-strategy", "name", "--ignore-tags", "[x", "--ignore-tags", "latest", "--output", "json");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(1, result.stdout().lines().count(), "one line on stdout:\n" + result.stdout());
        JsonNode json = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(result.stdout());
        assertTrue(json.isObject(), result.stdout());
        assertEquals("alphabetical", json.get("strategy").asText());
        assertTrue(result.stderr().contains("WARN") && result.stderr().contains("deprecated"), result.stderr());
        assertTrue(result.stderr().contains("\"[x\" is not a valid glob"), result.stderr());
    }

    @Test
    void testCommandWithNothingEligibleStillSucceeds() throws IOException {
        Jar.Result result = testWeb("--semver-constraint", ">=3", "--output", "json");

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertTrue(json.get("tag").isNull());
        assertTrue(json.get("image").isNull());
        assertEquals(0, json.get("candidates").asInt());
    }

    @Test
    void testCommandFailsWithOneLineForAnInvalidConstraint() {
        Jar.Result result = testWeb("--semver-constraint", ">>1");

        assertTrue(result.exitCode() != 0);
        assertOneLine(result.stderr(), ">>1");
    }

    @Test
    void testCommandFailsWithOneLineForAnUnreachableRegistry() {
        Jar.Result result = Jar.run(Map.of(), TIMEOUT, "test", "127.0.0.1:9/acme/web");

        assertTrue(result.exitCode() != 0);
        assertOneLine(result.stderr(), "127.0.0.1:9");
    }

    @Test
    void runWithoutAClusterFailsFastWithOneLine() {
        Jar.Result result = Jar.run(Map.of("KUBERNETES_MASTER", "https://127.0.0.1:9"), TIMEOUT, "run");

        assertEquals(1, result.exitCode());
        assertOneLine(result.stderr(), "127.0.0.1:9");
    }

    @Test
    void runOnceUpdatesAndExitsZero() {
        create("apps", "shop", "web=" + registry.host() + "/acme/web:~1.4");

        Jar.Result result = Jar.run(
                Map.of(),
                TIMEOUT,
                "run",
                "--once",
                "--kubeconfig",
                api.kubeconfig().toString());

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(List.of(registry.host() + "/acme/web:1.4.2"), api.kustomizeImages("apps", "shop"));
        assertTrue(
                result.stderr().contains("cycle finished: applications=1 images=1 updated=1 skipped=0 errors=0"),
                result.stderr());
        assertEquals("", result.stdout(), "log lines go to stderr");
    }

    @Test
    void runOnceEndsWithinTheGitTimeoutWhenAGitServerNeverAnswersAndUpdatesTheOthers() {
        try (SilentServer hung = SilentServer.start();
                GitRemote remote = GitRemote.create(Map.of("prod/kustomization.yaml", "images: []\n"))) {
            String image = "web=" + registry.host() + "/acme/web:~1.4";
            api.createApplication(
                    "gitns",
                    "stuck",
                    image,
                    registry.host() + "/acme/web:1.0.0",
                    Map.of(
                            Annotations.WRITE_BACK_METHOD, "git",
                            Annotations.GIT_REPOSITORY, hung.httpUrl(),
                            Annotations.GIT_BRANCH, "main"));
            api.createApplication(
                    "gitns",
                    "fine",
                    image,
                    registry.host() + "/acme/web:1.0.0",
                    Map.of(
                            Annotations.WRITE_BACK_METHOD, "git",
                            Annotations.GIT_REPOSITORY, remote.fileUrl(),
                            Annotations.GIT_BRANCH, "main"));
            long start = System.nanoTime();

            Jar.Result result = Jar.run(
                    Map.of(),
                    TIMEOUT,
                    "run",
                    "--once",
                    "--git-timeout",
                    "3s",
                    "--kubeconfig",
                    api.kubeconfig().toString(),
                    "--watch-namespaces",
                    "gitns");

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, result.exitCode(), result.stderr());
            assertTrue(took.compareTo(Duration.ofSeconds(3 + 30)) < 0, "run --once took " + took);
            assertTrue(hung.connections() > 0, "the hung server was reached");
            assertTrue(
                    remote.file("main", "prod/.argocd-source-gitns_fine.yaml").contains("1.4.2"), result.stderr());
            assertTrue(result.stderr().contains("updated=1"), result.stderr());
            assertTrue(result.stderr().contains(hung.httpUrl()), result.stderr());
        }
    }

    @Test
    void runOnceDryRunWritesNothingAndAnErrorExitsOne() {
        create("other", "dry", "web=" + registry.host() + "/acme/web:^1.0");
        create("other", "broken", "web=" + registry.host() + "/acme/web:>>1");

        Jar.Result result = Jar.run(
                Map.of("IMAGE_UPDATER_DRY_RUN", "true"),
                TIMEOUT,
                "run",
                "--once",
                "--kubeconfig",
                api.kubeconfig().toString(),
                "--watch-namespaces",
                "other");

        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        GenericKubernetesResource dry = api.client()
                .genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace("other")
                .withName("dry")
                .get();
        assertEquals(null, (Object) dry.get("spec", "source", "kustomize"));
        assertTrue(result.stderr().contains("would update"), result.stderr());
    }

    @Test
    void applicationCredentialSourcesReachesTheCycleFromTheEnvironment() {
        api.createApplication(
                "tenants",
                "by-env",
                "web=" + registry.host() + "/acme/web:~1.4",
                registry.host() + "/acme/web:1.0.0",
                Map.of(Annotations.forImage("web", "pull-secret"), "env:WEB_CREDS"));
        String[] args = {"run", "--once", "--kubeconfig", api.kubeconfig().toString(), "--watch-namespaces", "tenants"};

        Jar.Result refused = Jar.run(Map.of("WEB_CREDS", "robot:pw"), TIMEOUT, args);

        assertEquals(1, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains("credential source env: is refused"), refused.stderr());
        assertEquals(null, api.kustomizeImages("tenants", "by-env"));

        Jar.Result allowed = Jar.run(
                Map.of(
                        "WEB_CREDS",
                        "robot:pw",
                        "IMAGE_UPDATER_APPLICATION_CREDENTIAL_SOURCES",
                        "pullsecret,secret,env"),
                TIMEOUT,
                args);

        assertEquals(0, allowed.exitCode(), allowed.stderr());
        assertEquals(List.of(registry.host() + "/acme/web:1.4.2"), api.kustomizeImages("tenants", "by-env"));
    }

    @Test
    void badArgumentsExitTwo() {
        assertEquals(
                2,
                Jar.run(Map.of(), TIMEOUT, "run", "--max-concurrent-apps", "many")
                        .exitCode());
        Jar.Result badInterval = Jar.run(Map.of(), TIMEOUT, "run", "--once", "--interval", "soon");
        assertEquals(2, badInterval.exitCode(), badInterval.stderr());
        assertOneLine(badInterval.stderr(), "interval");
        Jar.Result badRegistries = Jar.run(
                Map.of(),
                TIMEOUT,
                "run",
                "--once",
                "--registries-conf-path",
                "/nonexistent/registries.conf",
                "--kubeconfig",
                api.kubeconfig().toString());
        assertEquals(2, badRegistries.exitCode(), badRegistries.stderr());
        assertOneLine(badRegistries.stderr(), "/nonexistent/registries.conf");
    }

    /** {@code test} of the registry's {@code acme/web} with {@code options}. */
    private static Jar.Result testWeb(String... options) {
        List<String> args = new ArrayList<>(List.of("test", registry.host() + "/acme/web"));
        args.addAll(List.of(options));
        return Jar.run(Map.of(), TIMEOUT, args.toArray(String[]::new));
    }

    private static void create(String namespace, String name, String imageList) {
        api.createApplication(namespace, name, imageList, registry.host() + "/acme/web:1.0.0");
    }

    private static void assertOneLine(String stderr, String mentions) {
        List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), "one line expected on stderr:\n" + stderr);
        assertTrue(lines.get(0).contains(mentions), lines.get(0));
        assertFalse(lines.get(0).contains("Exception:"), lines.get(0));
    }
}
