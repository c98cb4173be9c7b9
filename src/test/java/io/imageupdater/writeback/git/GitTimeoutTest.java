package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.SilentServer;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Git transport operations time out ({@code git-timeout}): a server that accepts and never answers fails the write. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GitTimeoutTest {
    private static final Namespaces NAMESPACES = new Namespaces("gittimeout");

    @Inject
    GitCredentialSource credentials;

    @Inject
    GitConfig config;

    @Test
    void theDefaultIsSixtySeconds() {
        assertEquals("60s", config.timeout());
        assertEquals(Duration.ofSeconds(60), config.transportTimeout());
    }

    @Test
    void aServerThatNeverAnswersFailsTheWriteWithinTheTimeout() throws Exception {
        GitWriter writer = new GitWriter(credentials, new TestGitConfig("1s", 3));
        // the executor is closed last, after the server dropped its connections, so a failing test ends too
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                SilentServer server = SilentServer.start()) {
            GitChangeSet set = change(server.httpUrl());
            long start = System.nanoTime();
            Future<WriteResult> written = executor.submit(() ->
                    writer.write(set.writeKey(), List.of(set), "argocd", false).get(0));

            // a generous bound: without a timeout the write never ends
            WriteResult result = written.get(30, TimeUnit.SECONDS);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertNotNull(result.error());
            assertTrue(result.error().contains(server.httpUrl()), result.error());
            assertTrue(
                    result.error().toLowerCase().contains("timed out")
                            || result.error().toLowerCase().contains("timeout"),
                    result.error());
            assertTrue(server.connections() > 0, "the server was reached");
            assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "failed after " + took);
        }
    }

    @Test
    void aReachableRepositoryIsWrittenWithTheSameShortTimeout() {
        GitWriter writer = new GitWriter(credentials, new TestGitConfig("1s", 3));
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", "images: []\n"))) {
            GitChangeSet set = change(remote.fileUrl());

            WriteResult result =
                    writer.write(set.writeKey(), List.of(set), "argocd", false).get(0);

            assertNull(result.error(), result.error());
            assertEquals(2, remote.log("main").size());
        }
    }

    @Test
    void aTimeoutThatIsNoPositiveDurationIsAClearError() {
        for (String bad : List.of("0s", "-5s", "soon")) {
            ImageUpdaterException e =
                    assertThrows(ImageUpdaterException.class, () -> new TestGitConfig(bad, 3).transportTimeout());
            assertTrue(e.getMessage().startsWith("git-timeout: "), e.getMessage());
        }
        assertEquals(1, GitTransport.seconds(Duration.ofMillis(200)));
        assertEquals(2, GitTransport.seconds(Duration.ofMillis(1500)));
    }

    private static GitChangeSet change(String url) {
        return GitWriterTest.webChange(NAMESPACES.next(), url, Map.of());
    }
}
