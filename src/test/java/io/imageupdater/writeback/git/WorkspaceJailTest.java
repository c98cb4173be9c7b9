package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout is a jail: a repository that links its values file (or a directory above it) to a file elsewhere
 * on the machine gets its write-back refused, the file elsewhere is neither read nor written, and its content
 * shows up in no error and no log line. Real Git repositories holding real symbolic links.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WorkspaceJailTest {
    private static final Namespaces NAMESPACES = new Namespaces("jail");
    private static final String SECRET = "hunter2-outside-secret";
    private static final String OUTSIDE = "image:\n  tag: 0.1.0\npassword: " + SECRET + "\n";

    @Inject
    GitWriter writer;

    private Path outside;
    private CapturedLog log;

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.createTempDirectory("outside-the-repository-");
        Files.writeString(outside.resolve("values.yaml"), OUTSIDE);
        log = CapturedLog.start();
    }

    @AfterEach
    void tearDown() throws IOException {
        log.close();
        FileUtils.delete(outside.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    }

    @Test
    void aValuesFileLinkedOutsideTheRepositoryIsRefusedAndItsContentIsNowhere() throws IOException {
        try (GitRemote remote = GitRemote.create(Map.of("billing/Chart.yaml", "name: billing\n"))) {
            remote.symlinkAsSomeoneElse(
                    "main",
                    "billing/values.yaml",
                    outside.resolve("values.yaml").toString(),
                    "link values");

            WriteResult result = write(remote, "helmvalues");

            assertRefused(result, "billing/values.yaml is a symbolic link");
            assertEquals(2, remote.log("main").size(), "no commit");
        }
    }

    @Test
    void aDirectoryLinkedOutsideTheRepositoryIsRefused() throws IOException {
        try (GitRemote remote = GitRemote.create(Map.of("README.md", "hello\n"))) {
            remote.symlinkAsSomeoneElse("main", "billing", outside.toString(), "link the chart directory");

            WriteResult result = write(remote, "helmvalues");

            assertRefused(result, "billing/values.yaml lies under a symbolic link (billing)");
        }
    }

    @Test
    void aLinkInsideTheRepositoryIsRefusedToo() throws IOException {
        try (GitRemote remote = GitRemote.create(Map.of("billing/real.yaml", OUTSIDE))) {
            remote.symlinkAsSomeoneElse("main", "billing/values.yaml", "real.yaml", "link values");

            WriteResult result = write(remote, "helmvalues");

            assertRefused(result, "billing/values.yaml is a symbolic link");
            assertEquals(OUTSIDE, remote.file("main", "billing/real.yaml"));
        }
    }

    @Test
    void aLinkedArgocdSourceFileIsRefused() throws IOException {
        try (GitRemote remote = GitRemote.create(Map.of("billing/Chart.yaml", "name: billing\n"))) {
            remote.symlinkAsSomeoneElse(
                    "main",
                    "billing/.argocd-source-billing.yaml",
                    outside.resolve("values.yaml").toString(),
                    "link the source file");
            String ns = NAMESPACES.next();

            WriteResult result = write(remote, ns, null);

            assertRefused(result, "billing/.argocd-source-billing.yaml is a symbolic link");
        }
    }

    @Test
    void invalidYamlIsReportedByLineAndColumnWithoutItsText() {
        try (GitRemote remote =
                GitRemote.create(Map.of("billing/values.yaml", "image:\n  tag: 0.1.0\ntoken: [" + SECRET + "\n"))) {
            WriteResult result = write(remote, "helmvalues");

            assertNotNull(result.error());
            assertTrue(result.error().contains("not valid YAML at line"), result.error());
            assertTrue(result.error().contains("column"), result.error());
            assertFalse(result.error().contains(SECRET), result.error());
            assertTrue(log.containing(SECRET).isEmpty(), log.containing(SECRET).toString());
        }
    }

    private void assertRefused(WriteResult result, String reason) throws IOException {
        assertNotNull(result.error(), "refused");
        assertTrue(result.error().contains(reason), result.error());
        assertFalse(result.error().contains(SECRET), result.error());
        assertEquals(OUTSIDE, Files.readString(outside.resolve("values.yaml")), "the file outside is untouched");
        assertFalse(log.lines().isEmpty(), "the capture saw the write-back's log lines");
        assertEquals(List.of(), log.containing(SECRET), "the content outside is in no log line");
        assertEquals(List.of(), log.containing("password:"), "the content outside is in no log line");
    }

    private WriteResult write(GitRemote remote, String target) {
        String ns = NAMESPACES.next();
        return write(remote, ns, target);
    }

    private WriteResult write(GitRemote remote, String ns, String target) {
        Map<String, String> settings = target == null
                ? Map.of()
                : Map.of(Annotations.WRITE_BACK_TARGET, target, Annotations.PREFIX + "api.helm.image-tag", "image.tag");
        GitChangeSet set = GitWriterTest.changeSet(
                ns,
                "billing",
                remote.fileUrl(),
                "billing",
                "Helm",
                settings,
                "api=ghcr.io/acme/api",
                "ghcr.io/acme/api:0.1.0",
                "ghcr.io/acme/api:0.2.0");
        return writer.write(set.writeKey(), List.of(set), ns, false).get(0);
    }
}
