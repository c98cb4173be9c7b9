package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a Git write-back goes for each Application shape: repository, revision, and the file or directory. */
class WriteSourceTest {
    private static final Map<String, Object> CHART = Map.of(
            "repoURL",
            "https://charts.example.com",
            "chart",
            "web",
            "targetRevision",
            "1.2.0",
            "helm",
            Map.of("valueFiles", List.of("$values/envs/prod/values.yaml")));
    private static final Map<String, Object> VALUES =
            Map.of("repoURL", "https://git.example.com/values.git", "targetRevision", "release", "ref", "values");

    static Stream<Arguments> shapes() {
        return Stream.of(
                row(
                        "chart + $values, helmvalues alone: the value file in the ref source's repository",
                        Map.of("sources", List.of(CHART, VALUES)),
                        Map.of(Annotations.WRITE_BACK_TARGET, "helmvalues"),
                        "https://git.example.com/values.git",
                        "release",
                        "envs/prod/values.yaml"),
                row(
                        "chart + $values, helmvalues:$values/<file>",
                        Map.of("sources", List.of(CHART, VALUES)),
                        Map.of(Annotations.WRITE_BACK_TARGET, "helmvalues:$values/envs/stage/values.yaml"),
                        "https://git.example.com/values.git",
                        "release",
                        "envs/stage/values.yaml"),
                row(
                        "chart + $values, helmvalues:/<file> from the ref repository's root",
                        Map.of("sources", List.of(CHART, VALUES)),
                        Map.of(Annotations.WRITE_BACK_TARGET, "helmvalues:/other/values.yaml"),
                        "https://git.example.com/values.git",
                        "release",
                        "other/values.yaml"),
                row(
                        "sourceHydrator: the dry source's repository, revision and path",
                        Map.of(
                                "sourceHydrator",
                                Map.of(
                                        "drySource",
                                        Map.of(
                                                "repoURL",
                                                "https://git.example.com/dry.git",
                                                "path",
                                                "apps/web",
                                                "targetRevision",
                                                "dev",
                                                "kustomize",
                                                Map.of()),
                                        "syncSource",
                                        Map.of("targetBranch", "env/prod", "path", "prod"))),
                        Map.of(Annotations.WRITE_BACK_TARGET, "kustomization"),
                        "https://git.example.com/dry.git",
                        "dev",
                        "apps/web"),
                row(
                        "source-name picks the named source",
                        Map.of(
                                "sources",
                                List.of(
                                        Map.of("name", "a", "repoURL", "https://git.example.com/a.git", "path", "a"),
                                        Map.of(
                                                "name",
                                                "b",
                                                "repoURL",
                                                "https://git.example.com/b.git",
                                                "path",
                                                "b",
                                                "targetRevision",
                                                "main"))),
                        Map.of(
                                Annotations.WRITE_BACK_TARGET,
                                "kustomization",
                                Annotations.PREFIX + "web.source-name",
                                "b"),
                        "https://git.example.com/b.git",
                        "main",
                        "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void writesWhereArgoCdReads(
            Map<String, Object> spec, Map<String, String> settings, String repo, String revision, String resolved) {
        GitChangeSet set = set(spec, settings);
        WriteSource where = WriteSource.of(set.app(), set.config(), set.changes());
        assertEquals(repo, where.repoUrl());
        assertEquals(revision, where.revision());
        assertEquals(resolved, where.target().resolve(where.path()));
        assertEquals(repo, set.destination().repoUrl());
        assertEquals(revision, set.destination().checkoutBranch());
    }

    @Test
    void anUnknownSourceNameOrRefIsAnErrorNamingIt() {
        GitChangeSet unnamed = set(
                Map.of("sources", List.of(CHART, VALUES)),
                Map.of(Annotations.WRITE_BACK_TARGET, "helmvalues", Annotations.PREFIX + "web.source-name", "nope"));
        GitWriteBackException e = assertThrows(
                GitWriteBackException.class, () -> WriteSource.of(unnamed.app(), unnamed.config(), unnamed.changes()));
        assertEquals("application argocd/shop: no source is named \"nope\"", e.getMessage());
        GitChangeSet noRef =
                set(Map.of("sources", List.of(CHART)), Map.of(Annotations.WRITE_BACK_TARGET, "helmvalues"));
        assertThrows(GitWriteBackException.class, () -> WriteSource.of(noRef.app(), noRef.config(), noRef.changes()));
    }

    private static Arguments row(
            String name,
            Map<String, Object> spec,
            Map<String, String> settings,
            String repo,
            String revision,
            String resolved) {
        return Arguments.of(Named.of(name, spec), settings, repo, revision, resolved);
    }

    private static GitChangeSet set(Map<String, Object> spec, Map<String, String> settings) {
        Map<String, String> annotations = new HashMap<>(settings);
        annotations.put(Annotations.IMAGE_LIST, "web=ghcr.io/acme/web");
        annotations.put(Annotations.WRITE_BACK_METHOD, "git");
        ArgoApplication app = ArgoApplication.from(Applications.application(
                "argocd", "shop", Map.of(), annotations, spec, Map.of("summary", Map.of("images", List.of()))));
        ApplicationSpec parsed = ApplicationSpecParser.parse(annotations, app.ref());
        ImageSpec image = parsed.images().get(0);
        PlannedChange change = new PlannedChange(
                image,
                new ImageChange(
                        "web", ImageRef.parse("ghcr.io/acme/web:1.0.0"), ImageRef.parse("ghcr.io/acme/web:1.1.0")));
        return new GitChangeSet(app, parsed.writeBack(), List.of(change));
    }
}
