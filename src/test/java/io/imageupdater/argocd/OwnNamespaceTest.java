package io.imageupdater.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The updater's own namespace, where Argo CD is looked for unless {@code argocd-namespace} says otherwise. */
class OwnNamespaceTest {
    @TempDir
    Path dir;

    @Test
    void podNamespaceComesFirst() throws IOException {
        Path file = Files.writeString(dir.resolve("namespace"), "from-file\n");

        assertEquals(
                "updater-ns", ApplicationLister.ownNamespace(Map.of("POD_NAMESPACE", " updater-ns "), file, "ctx"));
    }

    @Test
    void thenTheServiceAccountNamespaceFile() throws IOException {
        Path file = Files.writeString(dir.resolve("namespace"), "argocd\n");

        assertEquals("argocd", ApplicationLister.ownNamespace(Map.of("POD_NAMESPACE", ""), file, "ctx"));
    }

    @Test
    void thenTheKubeContextsNamespace() {
        Path missing = dir.resolve("missing");

        assertEquals("ctx", ApplicationLister.ownNamespace(Map.of(), missing, "ctx"));
        assertEquals("default", ApplicationLister.ownNamespace(Map.of(), missing, null));
    }
}
