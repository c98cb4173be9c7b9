package io.imageupdater.updater;

import static io.imageupdater.updater.CycleApps.inRepository;
import static io.imageupdater.updater.CycleApps.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SilentServer;
import io.imageupdater.testing.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Git server that accepts connections and never answers costs one cycle no more than {@code git-timeout} (here
 * 2s) plus a margin: that Application's write-back fails, the others are written. The cycle {@code run --once}
 * runs, against a real registry, a real repository and the hung server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(GitTimeoutCycleTest.ShortGitTimeout.class)
class GitTimeoutCycleTest {
    private static final Namespaces NAMESPACES = new Namespaces("gittimeoutcycle");
    private static TestRegistry registry;
    private static String web;

    /** {@code --git-timeout 2s}. */
    public static final class ShortGitTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("image-updater.git.timeout", "2s");
        }
    }

    @Inject
    UpdateCycle cycle;

    @Inject
    CycleApps apps;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
        web = registry.host() + "/acme/web";
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void aHungGitServerFailsOnlyItsApplicationAndTheCycleEndsSoonAfterTheTimeout() throws Exception {
        String ns = NAMESPACES.next();
        // the executor is closed last, after the hung server dropped its connections, so a failing test ends too
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                SilentServer hung = SilentServer.start();
                GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"))) {
            Map<String, String> annotations =
                    Map.of(Annotations.IMAGE_LIST, "web=" + web, Annotations.WRITE_BACK_METHOD, "git");
            apps.create(inRepository(ns, "stuck", hung.httpUrl(), "stuck", "Kustomize", annotations, web + ":1.0.0"));
            apps.create(inRepository(ns, "shop", remote.fileUrl(), "shop", "Kustomize", annotations, web + ":1.0.0"));
            long start = System.nanoTime();

            // without a timeout the cycle never ends; the bound only keeps a failing test from hanging
            Future<CycleResult> running = executor.submit(() -> cycle.run(options(ns)));
            CycleResult result = running.get(60, TimeUnit.SECONDS);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(2 + 20)) < 0, "the cycle took " + took);
            assertTrue(hung.connections() > 0, "the hung server was reached");
            assertEquals(1, result.updated(), result.summary());
            assertTrue(remote.file("main", "shop/.argocd-source-" + ns + "_shop.yaml")
                    .contains("1.1.0"));
            ApplicationResult stuck = result.applications().stream()
                    .filter(app -> app.application().equals(ns + "/stuck"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(1, stuck.errors().size(), stuck.toString());
            assertTrue(
                    stuck.errors().get(0).message().contains(hung.httpUrl()),
                    stuck.errors().toString());
        }
    }
}
