package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.imageupdater.argocd.Annotations;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Git write-backs may share a commit: never two tenants, never two credentials. */
class GitWriteKeyTest {
    private static final String REPO = "https://git.example.com/deploy.git";

    @Test
    void applicationsOfOneNamespaceAndCredentialShareAKey() {
        assertEquals(key("team-a", "shop", "git:secret:creds"), key("team-a", "billing", "git:secret:team-a/creds"));
        assertEquals(key("team-a", "shop", "git"), key("team-a", "billing", "git:repocreds"));
    }

    @Test
    void anotherNamespaceIsAnotherKeyEvenWithEqualSettings() {
        assertNotEquals(key("team-a", "shop", "git:secret:creds"), key("team-b", "shop", "git:secret:creds"));
        assertNotEquals(key("team-a", "shop", "git"), key("team-b", "shop", "git"));
    }

    @Test
    void anotherCredentialIsAnotherKey() {
        assertNotEquals(key("team-a", "shop", "git:secret:creds"), key("team-a", "billing", "git:secret:other"));
        assertNotEquals(key("team-a", "shop", "git"), key("team-a", "billing", "git:secret:creds"));
    }

    @Test
    void repocredsKeysCarryTheProjectOthersDoNot() {
        assertEquals("default", key("team-a", "shop", "git").project());
        assertNull(key("team-a", "shop", "git:secret:creds").project());
    }

    private static GitWriteKey key(String ns, String name, String method) {
        return GitWriterTest.changeSet(
                        ns,
                        name,
                        REPO,
                        "shop",
                        "Kustomize",
                        Map.of(Annotations.WRITE_BACK_METHOD, method),
                        "web=ghcr.io/acme/web",
                        "ghcr.io/acme/web:1.0.0",
                        "ghcr.io/acme/web:1.1.0")
                .writeKey();
    }
}
