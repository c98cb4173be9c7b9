package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GitDestinationTest {
    private static final String REPO = "https://git.example.com/acme/deploy.git";

    static Stream<Arguments> destinations() {
        return Stream.of(
                row(
                        "targetRevision HEAD is the default branch",
                        "HEAD",
                        Map.of(),
                        new GitDestination(REPO, null, null)),
                row("empty targetRevision is the default branch", "", Map.of(), new GitDestination(REPO, null, null)),
                row("targetRevision branch", "release-1", Map.of(), new GitDestination(REPO, "release-1", null)),
                row(
                        "git-branch overrides targetRevision",
                        "release-1",
                        Map.of(Annotations.GIT_BRANCH, "main"),
                        new GitDestination(REPO, "main", null)),
                row(
                        "git-repository overrides repoURL",
                        "main",
                        Map.of(Annotations.GIT_REPOSITORY, "ssh://git@git.example.com/other.git"),
                        new GitDestination("ssh://git@git.example.com/other.git", "main", null)),
                row(
                        "base:target with a template",
                        "HEAD",
                        Map.of(
                                Annotations.GIT_BRANCH,
                                "main:image-updater/{{.AppNamespace}}/{{.AppName}}"
                                        + "{{range .Images}}-{{.Name}}-{{.OldTag}}-{{.NewTag}}{{end}}"),
                        new GitDestination(REPO, "main", "image-updater/team/shop-ghcr.io/acme/web-1.0.0-1.1.0")),
                row(
                        "empty base is the default branch",
                        "HEAD",
                        Map.of(Annotations.GIT_BRANCH, ":updates"),
                        new GitDestination(REPO, null, "updates")),
                row(
                        "target equal to base pushes to the base",
                        "HEAD",
                        Map.of(Annotations.GIT_BRANCH, "main:main"),
                        new GitDestination(REPO, "main", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("destinations")
    void resolves(String targetRevision, Map<String, String> settings, GitDestination expected) {
        assertEquals(expected, set(targetRevision, settings).destination());
    }

    @Test
    void sha256NamesTheChangesAndLongNamesAreTruncated() {
        String sha = set("HEAD", Map.of(Annotations.GIT_BRANCH, "main:u-{{.SHA256}}"))
                .destination()
                .pushBranch();
        assertTrue(sha.matches("u-[0-9a-f]{64}"), sha);
        assertEquals(
                sha,
                set("HEAD", Map.of(Annotations.GIT_BRANCH, "main:u-{{.SHA256}}"))
                        .destination()
                        .pushBranch());
        String longName = set("HEAD", Map.of(Annotations.GIT_BRANCH, "main:" + "x".repeat(300)))
                .destination()
                .pushBranch();
        assertEquals(GitDestination.MAX_BRANCH_LENGTH, longName.length());
    }

    @Test
    void noRepositoryIsAnErrorNamingTheApplication() {
        Map<String, String> settings = new HashMap<>();
        GitChangeSet set = GitWriterTest.webChange("team", " ", settings);
        GitWriteBackException e = assertThrows(GitWriteBackException.class, set::destination);
        assertTrue(e.getMessage().contains("team/shop"), e.getMessage());
    }

    private static GitChangeSet set(String targetRevision, Map<String, String> settings) {
        GitChangeSet base = GitWriterTest.webChange("team", REPO, settings);
        var source = base.app().source().orElseThrow();
        var app = new io.imageupdater.argocd.ArgoApplication(
                base.app().namespace(),
                base.app().name(),
                null,
                null,
                Map.of(),
                base.app().annotations(),
                base.app().sourceType(),
                base.app().liveImages(),
                java.util.Optional.of(new io.imageupdater.argocd.ApplicationSource(
                        source.index(),
                        source.type(),
                        source.repoUrl(),
                        source.helmParameters(),
                        source.kustomizeImages(),
                        source.repoPath(),
                        targetRevision)),
                null);
        return new GitChangeSet(app, base.config(), base.changes());
    }

    private static Arguments row(
            String name, String targetRevision, Map<String, String> settings, GitDestination expected) {
        return Arguments.of(Named.of(name, targetRevision), settings, expected);
    }
}
