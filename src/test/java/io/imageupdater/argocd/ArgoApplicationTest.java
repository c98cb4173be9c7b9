package io.imageupdater.argocd;

import static io.imageupdater.argocd.Applications.application;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.image.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgoApplicationTest {

    private static ArgoApplication app(Map<String, Object> spec, Map<String, Object> status) {
        return ArgoApplication.from(application("argocd", "web", Map.of("app", "web"), Map.of(), spec, status));
    }

    static Stream<Arguments> sources() {
        Map<String, Object> git = Map.of("repoURL", "https://git.example/values");
        Map<String, Object> chart = Map.of("repoURL", "https://charts.example", "chart", "web");
        Map<String, Object> helm = Map.of(
                "repoURL",
                "https://git.example/helm",
                "helm",
                Map.of("parameters", List.of(Map.of("name", "image.tag", "value", "1.0", "forceString", true))));
        Map<String, Object> kustomize = Map.of(
                "repoURL", "https://git.example/kustomize", "kustomize", Map.of("images", List.of("acme/web:1.0")));
        return Stream.of(
                Arguments.of(
                        Named.of("single source, type from status", Map.of("source", kustomize)),
                        Map.of("sourceType", "Kustomize"),
                        SourceType.KUSTOMIZE,
                        -1,
                        "https://git.example/kustomize"),
                Arguments.of(
                        Named.of("single source, type from its keys", Map.of("source", helm)),
                        Map.of(),
                        SourceType.HELM,
                        -1,
                        "https://git.example/helm"),
                Arguments.of(
                        Named.of("multi-source, first helm source by helm key", Map.of("sources", List.of(git, helm))),
                        Map.of("sourceType", "Helm"),
                        SourceType.HELM,
                        1,
                        "https://git.example/helm"),
                Arguments.of(
                        Named.of("multi-source, helm source by chart", Map.of("sources", List.of(git, chart))),
                        Map.of("sourceType", "Helm"),
                        SourceType.HELM,
                        1,
                        "https://charts.example"),
                Arguments.of(
                        Named.of("multi-source, kustomize source", Map.of("sources", List.of(helm, kustomize))),
                        Map.of("sourceType", "Kustomize"),
                        SourceType.KUSTOMIZE,
                        1,
                        "https://git.example/kustomize"),
                Arguments.of(
                        Named.of("multi-source, none of the type: first", Map.of("sources", List.of(git, git))),
                        Map.of("sourceType", "Directory"),
                        SourceType.DIRECTORY,
                        0,
                        "https://git.example/values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void findsTheSource(
            Map<String, Object> spec, Map<String, Object> status, SourceType type, int index, String repoUrl) {
        ArgoApplication app = app(spec, status);
        assertEquals(type, app.sourceType());
        assertEquals(index, app.source().orElseThrow().index());
        assertEquals(repoUrl, app.source().orElseThrow().repoUrl());
    }

    static Stream<Arguments> shapes() {
        Map<String, Object> plainGitChart = Map.of("repoURL", "https://git.example/app", "path", "charts/web");
        Map<String, Object> refOnly = Map.of("repoURL", "https://git.example/values", "ref", "values");
        Map<String, Object> kustomize = Map.of("repoURL", "https://git.example/k", "path", "k", "kustomize", Map.of());
        Map<String, Object> named = Map.of("name", "backend", "repoURL", "https://git.example/b", "path", "b");
        Map<String, Object> plugin =
                Map.of("repoURL", "https://git.example/p", "path", "p", "plugin", Map.of("name", "envsubst"));
        Map<String, Object> dry = Map.of("repoURL", "https://git.example/dry", "path", "apps", "targetRevision", "dev");
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "status.sourceTypes types a source whose keys say nothing",
                                Map.of("sources", List.of(kustomize, plainGitChart))),
                        Map.of("sourceTypes", List.of("Directory", "Helm")),
                        SourceType.HELM,
                        1),
                Arguments.of(
                        Named.of("status.sourceTypes wins over the keys", Map.of("sources", List.of(kustomize))),
                        Map.of("sourceTypes", List.of("Helm")),
                        SourceType.HELM,
                        0),
                Arguments.of(
                        Named.of("a ref-only source is never the target", Map.of("sources", List.of(refOnly, named))),
                        Map.of("sourceTypes", List.of("Helm", "Kustomize")),
                        SourceType.KUSTOMIZE,
                        1),
                Arguments.of(
                        Named.of("a Plugin source is a target", Map.of("sources", List.of(refOnly, plugin))),
                        Map.of(),
                        SourceType.PLUGIN,
                        1),
                Arguments.of(
                        Named.of(
                                "sourceHydrator: the dry source, typed by status.sourceHydrator, never Directory",
                                Map.of("sourceHydrator", Map.of("drySource", dry))),
                        Map.of(
                                "sourceType",
                                "Directory",
                                "sourceHydrator",
                                Map.of(
                                        "currentOperation",
                                        Map.of("sourceHydrator", Map.of("drySource", Map.of("helm", Map.of()))))),
                        SourceType.HELM,
                        ApplicationSource.DRY_SOURCE),
                Arguments.of(
                        Named.of(
                                "sourceHydrator without status: the dry source's keys",
                                Map.of(
                                        "sourceHydrator",
                                        Map.of("drySource", Map.of("repoURL", "x", "kustomize", Map.of())))),
                        Map.of("sourceType", "Directory"),
                        SourceType.KUSTOMIZE,
                        ApplicationSource.DRY_SOURCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void readsEveryShape(Map<String, Object> spec, Map<String, Object> status, SourceType type, int index) {
        ArgoApplication app = app(spec, status);
        assertEquals(type, app.sourceType());
        assertEquals(index, app.source().orElseThrow().index());
    }

    @Test
    void sourceNamePicksTheNamedSource() {
        ArgoApplication app = app(
                Map.of(
                        "sources",
                        List.of(
                                Map.of("name", "frontend", "repoURL", "a", "path", "a", "kustomize", Map.of()),
                                Map.of("name", "backend", "repoURL", "b", "path", "b", "kustomize", Map.of()))),
                Map.of("sourceTypes", List.of("Kustomize", "Kustomize")));
        assertEquals(1, app.sourceFor("backend").orElseThrow().index());
        assertEquals(0, app.sourceFor(null).orElseThrow().index());
        assertTrue(app.sourceFor("nope").isEmpty());
    }

    @Test
    void readsHelmParametersAndKustomizeImages() {
        ArgoApplication helm = app(
                Map.of(
                        "source",
                        Map.of(
                                "helm",
                                Map.of(
                                        "parameters",
                                        List.of(
                                                Map.of("name", "image.tag", "value", "1.0", "forceString", true),
                                                Map.of("name", "n"))))),
                Map.of());
        assertEquals(
                List.of(new HelmParameter("image.tag", "1.0", true), new HelmParameter("n", null, false)),
                helm.source().orElseThrow().helmParameters());
        ArgoApplication kustomize = app(
                Map.of(
                        "source",
                        Map.of("kustomize", Map.of("images", List.of("acme/web:1.0", "orig=acme/api:2.0"))),
                        "repoURL",
                        "x"),
                Map.of());
        assertEquals(
                List.of("acme/web:1.0", "orig=acme/api:2.0"),
                kustomize.source().orElseThrow().kustomizeImages());
        assertEquals("spec.source", kustomize.source().orElseThrow().path());
    }

    @Test
    void readsLiveImagesSkippingUnparsableOnes() {
        ArgoApplication app = app(
                Map.of("source", Map.of()),
                Map.of(
                        "summary",
                        Map.of("images", List.of("127.0.0.1:5000/acme/web:1.0", "NOT AN IMAGE", "nginx:1.25"))));
        assertEquals(
                List.of(ImageRef.parse("127.0.0.1:5000/acme/web:1.0"), ImageRef.parse("nginx:1.25")), app.liveImages());
        assertTrue(app.runs(ImageRef.parse("127.0.0.1:5000/acme/web")));
        assertTrue(app.runs(ImageRef.parse("docker.io/library/nginx")));
        assertFalse(app.runs(ImageRef.parse("127.0.0.1:5000/acme/api")));
        assertEquals(
                "1.25", app.liveImage(ImageRef.parse("nginx")).orElseThrow().tag());
    }

    @Test
    void readsMetadata() {
        ArgoApplication app = app(Map.of(), null);
        assertEquals("argocd/web", app.ref());
        assertEquals(Map.of("app", "web"), app.labels());
        assertEquals(SourceType.UNKNOWN, app.sourceType());
        assertTrue(app.source().isEmpty());
        assertEquals(List.of(), app.liveImages());
    }

    static Stream<Arguments> malformedStoredFields() {
        Map<String, Object> kustomize = Map.of("repoURL", "https://git.example/k", "kustomize", Map.of("images", "x"));
        List<Object> oddImages = new java.util.ArrayList<>(List.of(12, Map.of("a", "b"), List.of("c"), "nginx:1.25"));
        oddImages.add(null);
        return Stream.of(
                Arguments.of(Named.of("status is a string", "broken"), Map.of("source", kustomize)),
                Arguments.of(Named.of("status is a list", List.of("a")), Map.of("source", kustomize)),
                Arguments.of(Named.of("summary is a string", Map.of("summary", "x")), Map.of("source", kustomize)),
                Arguments.of(
                        Named.of("summary.images is a map", Map.of("summary", Map.of("images", Map.of("a", 1)))),
                        Map.of()),
                Arguments.of(
                        Named.of("summary.images is a string", Map.of("summary", Map.of("images", "nginx:1.25"))),
                        Map.of()),
                Arguments.of(
                        Named.of("summary.images holds odd items", Map.of("summary", Map.of("images", oddImages))),
                        Map.of()),
                Arguments.of(
                        Named.of("sourceType is a map", Map.of("sourceType", Map.of("x", 1))),
                        Map.of("source", kustomize)),
                Arguments.of(Named.of("sourceType is a number", Map.of("sourceType", 7)), Map.of()),
                Arguments.of(Named.of("sourceType is a list", Map.of("sourceType", List.of("Helm"))), Map.of()),
                Arguments.of(Named.of("spec.source is a string", Map.of()), Map.of("source", "x")),
                Arguments.of(Named.of("spec.sources holds odd items", Map.of()), Map.of("sources", List.of("x", 3))),
                Arguments.of(
                        Named.of("helm parameters are odd", Map.of("sourceType", "Helm")),
                        Map.of("source", Map.of("helm", Map.of("parameters", List.of("x", Map.of("value", 1)))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedStoredFields(Object status, Map<String, Object> spec) {
        var resource = application("argocd", "odd", Map.of(), Map.of(), spec, null);
        resource.getAdditionalProperties().put("status", status);

        ArgoApplication app = ArgoApplication.from(resource);

        assertEquals("argocd/odd", app.ref());
        assertTrue(
                app.liveImages().stream().allMatch(image -> image.toString().contains("nginx")),
                app.liveImages().toString());
    }
}
