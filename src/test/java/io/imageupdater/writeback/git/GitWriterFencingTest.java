package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.writeback.WriteGuard;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A replica that may no longer write (lost Lease, cycle past its deadline) pushes nothing. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GitWriterFencingTest {
    private static final Namespaces NAMESPACES = new Namespaces("git-fence");
    private static final String KUSTOMIZATION = """
            images:
              - name: ghcr.io/acme/web
                newTag: 1.0.0
            """;

    @Inject
    GitWriter writer;

    private static GitChangeSet change(String ns, GitRemote remote) {
        return GitWriterTest.webChange(ns, remote.fileUrl(), Map.of());
    }

    @Test
    void nothingIsClonedOrPushedWhenWritingIsRefusedFromTheStart() {
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION))) {
            GitChangeSet set = change(NAMESPACES.next(), remote);

            List<WriteResult> results = writer.write(
                    set.writeKey(), List.of(set), "argocd", false, () -> Optional.of("lost the leader Lease"));

            assertTrue(results.get(0).refused(), String.valueOf(results.get(0)));
            assertEquals(1, remote.log("main").size(), "no commit arrived");
        }
    }

    @Test
    void leadershipLostWhileEditingMeansNoPush() {
        try (GitRemote remote = GitRemote.create(Map.of("shop/kustomization.yaml", KUSTOMIZATION))) {
            GitChangeSet set = change(NAMESPACES.next(), remote);
            AtomicInteger asked = new AtomicInteger();
            WriteGuard losesAfterTheClone =
                    () -> asked.incrementAndGet() == 1 ? Optional.empty() : Optional.of("lost the leader Lease");

            List<WriteResult> results = writer.write(set.writeKey(), List.of(set), "argocd", false, losesAfterTheClone);

            assertTrue(results.get(0).refused(), String.valueOf(results.get(0)));
            assertTrue(asked.get() >= 2, "asked again right before the push");
            assertEquals(1, remote.log("main").size(), "no commit arrived");
        }
    }
}
