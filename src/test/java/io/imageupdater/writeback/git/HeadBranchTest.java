package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.WriteBackConfig;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A proposal's head branch: {@code image-updater/<base>/<8-char hash of the write-back target>}. */
class HeadBranchTest {
    private static GitDestination destination(Map<String, String> settings, String to) {
        GitChangeSet set = GitWriterTest.changeSet(
                "team",
                "shop",
                "https://git.example.com/shop.git",
                "shop",
                "Kustomize",
                settings,
                "web=ghcr.io/acme/web",
                "ghcr.io/acme/web:1.0.0",
                "ghcr.io/acme/web:" + to);
        WriteBackConfig parsed = set.config();
        WriteBackConfig proposed = new WriteBackConfig(
                parsed.method(),
                parsed.credentials(),
                parsed.target(),
                parsed.gitBranch(),
                parsed.gitRepository(),
                PullRequestSettings.of(PullRequestSettings.Provider.GITHUB));
        return new GitChangeSet(set.app(), proposed, set.changes()).destination();
    }

    @ParameterizedTest(name = "git-branch \"{0}\" has base {1}")
    @CsvSource({"main, main", "release:image-updater-{{.SHA256}}, release", "'', "})
    void theBaseIsTheBranchOrTheBasePart(String branch, String base) {
        GitDestination destination =
                destination(branch.isEmpty() ? Map.of() : Map.of(Annotations.GIT_BRANCH, branch), "1.1.0");
        assertTrue(destination.proposed());
        assertEquals(base, destination.checkoutBranch());
        assertNull(destination.pushBranch(), "never pushed to a branch of the template");
        assertTrue(destination.headBranch("main").matches("image-updater/main/[0-9a-f]{8}"));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"kustomization, helmvalues:values.yaml", "kustomization, kustomization:../base", "'', kustomization"})
    void eachTargetHasItsOwnHeadAndEachVersionTheSame(String one, String other) {
        GitDestination first = destination(target(one), "1.1.0");
        GitDestination newer = destination(target(one), "1.2.0");
        GitDestination elsewhere = destination(target(other), "1.1.0");
        assertEquals(first.headBranch("main"), newer.headBranch("main"), "a newer version reuses the head");
        assertNotEquals(first.headBranch("main"), elsewhere.headBranch("main"));
        assertNotEquals(first, elsewhere, "different targets are written (and proposed) apart");
    }

    private static Map<String, String> target(String target) {
        return target.isEmpty()
                ? Map.of(Annotations.GIT_BRANCH, "main")
                : Map.of(Annotations.GIT_BRANCH, "main", Annotations.WRITE_BACK_TARGET, target);
    }
}
