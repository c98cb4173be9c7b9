package io.imageupdater.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.strategy.UpdateStrategy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplicationSpecParserTest {
    private static final String P = Annotations.PREFIX;
    private static final String APP = "argocd/web";

    private static Arguments row(
            String name, Map<String, String> annotations, Function<ImageSpec, Object> field, Object expected) {
        return Arguments.of(Named.of(name, annotations), field, expected);
    }

    private static Map<String, String> withList(String... pairs) {
        var map = new java.util.HashMap<String, String>();
        map.put(P + "image-list", "web=acme/web");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(P + pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> imageSettings() {
        Function<ImageSpec, Object> strategy = ImageSpec::strategy;
        Function<ImageSpec, Object> force = ImageSpec::forceUpdate;
        Function<ImageSpec, Object> allow = ImageSpec::allowTags;
        Function<ImageSpec, Object> ignore = ImageSpec::ignoreTags;
        Function<ImageSpec, Object> secret = ImageSpec::pullSecret;
        Function<ImageSpec, Object> platforms = ImageSpec::platforms;
        Function<ImageSpec, Object> helm = ImageSpec::helm;
        Function<ImageSpec, Object> kustomize = ImageSpec::kustomizeImageName;
        return Stream.of(
                row("strategy defaults to semver", withList(), strategy, UpdateStrategy.SEMVER),
                row("strategy raw value is null when unset", withList(), ImageSpec::strategyValue, null),
                row("per-image strategy", withList("web.update-strategy", "digest"), strategy, UpdateStrategy.DIGEST),
                row(
                        "app-wide strategy",
                        withList("update-strategy", "alphabetical"),
                        strategy,
                        UpdateStrategy.ALPHABETICAL),
                row(
                        "per-image strategy wins over app-wide",
                        withList("update-strategy", "alphabetical", "web.update-strategy", "newest-build"),
                        strategy,
                        UpdateStrategy.NEWEST_BUILD),
                row(
                        "deprecated strategy alias latest",
                        withList("web.update-strategy", "latest"),
                        strategy,
                        UpdateStrategy.NEWEST_BUILD),
                row(
                        "unknown strategy falls back to semver",
                        withList("web.update-strategy", "random"),
                        strategy,
                        UpdateStrategy.SEMVER),
                row(
                        "unknown strategy raw value kept",
                        withList("web.update-strategy", "random"),
                        ImageSpec::strategyValue,
                        "random"),
                row("force-update defaults to false", withList(), force, false),
                row("per-image force-update", withList("web.force-update", "true"), force, true),
                row("app-wide force-update", withList("force-update", "TRUE"), force, true),
                row(
                        "per-image force-update wins",
                        withList("force-update", "true", "web.force-update", "false"),
                        force,
                        false),
                row("allow-tags per image", withList("web.allow-tags", "regexp:^v1\\."), allow, "regexp:^v1\\."),
                row("allow-tags app-wide", withList("allow-tags", "any"), allow, "any"),
                row(
                        "allow-tags per image wins",
                        withList("allow-tags", "any", "web.allow-tags", "regexp:^[0-9]+$"),
                        allow,
                        "regexp:^[0-9]+$"),
                row(
                        "ignore-tags per image split on commas",
                        withList("web.ignore-tags", "latest, *-rc*,,dev"),
                        ignore,
                        List.of("latest", "*-rc*", "dev")),
                row("ignore-tags app-wide", withList("ignore-tags", "latest"), ignore, List.of("latest")),
                row(
                        "ignore-tags per image wins",
                        withList("ignore-tags", "latest", "web.ignore-tags", "dev"),
                        ignore,
                        List.of("dev")),
                row(
                        "pull-secret per image",
                        withList("web.pull-secret", "pullsecret:argocd/regcred"),
                        secret,
                        "pullsecret:argocd/regcred"),
                row("pull-secret app-wide", withList("pull-secret", "env:TOKEN"), secret, "env:TOKEN"),
                row(
                        "pull-secret per image wins",
                        withList("pull-secret", "env:A", "web.pull-secret", "env:B"),
                        secret,
                        "env:B"),
                row(
                        "platforms per image",
                        withList("web.platforms", "linux/amd64, linux/arm64"),
                        platforms,
                        List.of("linux/amd64", "linux/arm64")),
                row("platforms app-wide", withList("platforms", "linux/arm64"), platforms, List.of("linux/arm64")),
                row(
                        "platforms per image wins",
                        withList("platforms", "linux/arm64", "web.platforms", "linux/amd64"),
                        platforms,
                        List.of("linux/amd64")),
                row("helm defaults", withList(), helm, new HelmTarget("image.name", "image.tag", null)),
                row(
                        "helm custom names",
                        withList("web.helm.image-name", "web.repository", "web.helm.image-tag", "web.version"),
                        helm,
                        new HelmTarget("web.repository", "web.version", null)),
                row(
                        "helm image-spec",
                        withList("web.helm.image-spec", "web.image"),
                        helm,
                        new HelmTarget("image.name", "image.tag", "web.image")),
                row("kustomize image-name unset", withList(), kustomize, null),
                row(
                        "kustomize image-name",
                        withList("web.kustomize.image-name", "acme/web-original"),
                        kustomize,
                        "acme/web-original"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageSettings")
    void readsImageSetting(Map<String, String> annotations, Function<ImageSpec, Object> field, Object expected) {
        ApplicationSpec spec = ApplicationSpecParser.parse(annotations, APP);
        assertEquals(List.of(), spec.errors());
        assertEquals(1, spec.images().size());
        assertEquals(expected, field.apply(spec.images().get(0)));
    }

    static Stream<Arguments> imageLists() {
        return Stream.of(
                Arguments.of(
                        Named.of("single image without alias", "nginx"),
                        List.of("nginx"),
                        List.of("nginx"),
                        java.util.Arrays.asList((String) null)),
                Arguments.of(
                        Named.of("alias and constraint", "web=acme/web:~1.2"),
                        List.of("web"),
                        List.of("acme/web"),
                        List.of("~1.2")),
                Arguments.of(
                        Named.of("comma separated, spaces trimmed", " web=acme/web:1.x , api=acme/api "),
                        List.of("web", "api"),
                        List.of("acme/web", "acme/api"),
                        java.util.Arrays.asList("1.x", null)),
                Arguments.of(
                        Named.of("space means AND inside a constraint", "web=acme/web:>=1.0 <2, api=acme/api:^3"),
                        List.of("web", "api"),
                        List.of("acme/web", "acme/api"),
                        List.of(">=1.0 <2", "^3")),
                Arguments.of(
                        Named.of("registry with port", "web=127.0.0.1:5000/acme/web:1.x"),
                        List.of("web"),
                        List.of("127.0.0.1:5000/acme/web"),
                        List.of("1.x")),
                Arguments.of(
                        Named.of("registry without alias uses name with registry", "ghcr.io/acme/web"),
                        List.of("ghcr.io/acme/web"),
                        List.of("ghcr.io/acme/web"),
                        java.util.Arrays.asList((String) null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageLists")
    void splitsImageList(String list, List<String> aliases, List<String> images, List<String> constraints) {
        ApplicationSpec spec = ApplicationSpecParser.parse(Map.of(Annotations.IMAGE_LIST, list), APP);
        assertEquals(List.of(), spec.errors());
        assertEquals(aliases, spec.images().stream().map(ImageSpec::alias).toList());
        assertEquals(
                images,
                spec.images().stream()
                        .map(i -> i.entry().image().nameWithRegistry())
                        .toList());
        assertEquals(
                constraints, spec.images().stream().map(ImageSpec::constraint).toList());
    }

    static Stream<Arguments> badEntries() {
        return Stream.of(
                Arguments.of(
                        Named.of("upper-case repository", "web=acme/web, BAD=Acme/Api, db=acme/db"),
                        "BAD=Acme/Api",
                        List.of("web", "db")),
                Arguments.of(
                        Named.of(
                                "digest instead of constraint",
                                "web=acme/web@sha256:" + "a".repeat(64) + ",db=acme/db"),
                        "web=acme/web@sha256:" + "a".repeat(64),
                        List.of("db")),
                Arguments.of(
                        Named.of("nothing after colon", "web=acme/web:, db=acme/db"), "web=acme/web:", List.of("db")),
                Arguments.of(
                        Named.of("duplicate alias", "web=acme/web, web=acme/other"), "web=acme/other", List.of("web")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEntries")
    void isolatesBadEntries(String list, String badEntry, List<String> goodAliases) {
        ApplicationSpec spec = ApplicationSpecParser.parse(Map.of(Annotations.IMAGE_LIST, list), APP);
        assertEquals(goodAliases, spec.images().stream().map(ImageSpec::alias).toList());
        assertEquals(1, spec.errors().size());
        ImageSpecError error = spec.errors().get(0);
        assertEquals(badEntry, error.entry());
        assertTrue(error.message().contains(APP), error.message());
        assertTrue(error.message().contains(badEntry), error.message());
    }

    static Stream<Arguments> writeBacks() {
        return Stream.of(
                Arguments.of(Named.of("default is argocd", Map.of()), WriteBackConfig.ARGOCD, List.of()),
                Arguments.of(
                        Named.of("explicit argocd", Map.of(P + "write-back-method", "argocd")),
                        WriteBackConfig.ARGOCD,
                        List.of()),
                Arguments.of(
                        Named.of("git without credentials", Map.of(P + "write-back-method", "git")),
                        new WriteBackConfig(WriteBackMethod.GIT, null, null, null, null),
                        List.of()),
                Arguments.of(
                        Named.of(
                                "git with credentials and settings",
                                Map.of(
                                        P + "write-back-method", "git:secret:argocd/git-creds",
                                        P + "write-back-target", "kustomization:../base",
                                        P + "git-branch", "main:image-updater-{{.SHA256}}",
                                        P + "git-repository", "https://git.example/acme/deploy.git")),
                        new WriteBackConfig(
                                WriteBackMethod.GIT,
                                "secret:argocd/git-creds",
                                "kustomization:../base",
                                "main:image-updater-{{.SHA256}}",
                                "https://git.example/acme/deploy.git"),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeBacks")
    void readsWriteBack(Map<String, String> settings, WriteBackConfig expected, List<String> unsupported) {
        var annotations = new java.util.HashMap<>(settings);
        annotations.put(Annotations.IMAGE_LIST, "web=acme/web");
        ApplicationSpec spec = ApplicationSpecParser.parse(annotations, APP);
        assertEquals(expected, spec.writeBack());
        assertEquals(
                unsupported.stream()
                        .map(a -> "application " + APP + ": " + a + " is not supported yet")
                        .toList(),
                spec.warnings());
    }

    @Test
    void unknownWriteBackMethodIsAnErrorAndUpdatesNothing() {
        ApplicationSpec spec = ApplicationSpecParser.parse(
                Map.of(Annotations.IMAGE_LIST, "web=acme/web", Annotations.WRITE_BACK_METHOD, "svn"), APP);
        assertEquals(List.of(), spec.images());
        assertEquals(1, spec.errors().size());
        assertTrue(spec.errors().get(0).message().contains(APP + ": " + Annotations.WRITE_BACK_METHOD + " \"svn\""));
    }

    static Stream<Arguments> imageWarnings() {
        return Stream.of(
                Arguments.of(Named.of("pull-secret is supported", withList("web.pull-secret", "env:X")), List.of()),
                Arguments.of(
                        Named.of("platforms per image need no warning", withList("web.platforms", "linux/amd64")),
                        List.of()),
                Arguments.of(
                        Named.of("platforms app-wide need no warning", withList("platforms", "linux/amd64")),
                        List.of()),
                Arguments.of(
                        Named.of("deprecated strategy latest", withList("update-strategy", "latest")),
                        List.of(P + "update-strategy value \"latest\" is deprecated, use \"newest-build\"")),
                Arguments.of(
                        Named.of("unknown strategy", withList("web.update-strategy", "random")),
                        List.of(P + "web.update-strategy names unknown update strategy \"random\"")),
                Arguments.of(
                        Named.of("deprecated strategy name", withList("update-strategy", "name")),
                        List.of(P + "update-strategy value \"name\" is deprecated")),
                Arguments.of(
                        Named.of("force-update not boolean", withList("web.force-update", "yes")),
                        List.of(P + "web.force-update value \"yes\" is not true or false")),
                Arguments.of(
                        Named.of("newest-build needs no warning", withList("web.update-strategy", "newest-build")),
                        List.of()),
                Arguments.of(Named.of("digest needs no warning", withList("web.update-strategy", "digest")), List.of()),
                Arguments.of(
                        Named.of("alphabetical needs no warning", withList("update-strategy", "alphabetical")),
                        List.of()),
                Arguments.of(Named.of("plain semver needs no warning", withList()), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageWarnings")
    void warnsAboutUnsupportedOrOddSettings(Map<String, String> annotations, List<String> expectedFragments) {
        List<String> warnings = ApplicationSpecParser.parse(annotations, APP).allWarnings();
        assertEquals(expectedFragments.size(), warnings.size(), warnings.toString());
        for (int i = 0; i < warnings.size(); i++) {
            assertTrue(
                    warnings.get(i).startsWith("application " + APP + ": " + expectedFragments.get(i)),
                    warnings.get(i));
        }
    }

    static Stream<Arguments> settingsOfOtherImages() {
        return Stream.of(Arguments.of(Named.of(
                "each alias reads its own keys",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=acme/web,api=acme/api",
                        P + "web.update-strategy",
                        "digest",
                        P + "api.helm.image-tag",
                        "api.tag"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settingsOfOtherImages")
    void keepsPerImageSettingsApart(Map<String, String> annotations) {
        List<ImageSpec> images = ApplicationSpecParser.parse(annotations, APP).images();
        assertEquals(UpdateStrategy.DIGEST, images.get(0).strategy());
        assertEquals(UpdateStrategy.SEMVER, images.get(1).strategy());
        assertEquals("image.tag", images.get(0).helm().imageTag());
        assertEquals("api.tag", images.get(1).helm().imageTag());
    }

    @Test
    void filtersAndConstraintsAreCompiledAndJudgedWhenParsed() {
        ApplicationSpec spec = ApplicationSpecParser.parse(
                Map.of(
                        P + "image-list", "web=acme/web:>>1, api=acme/api:~1.2, db=acme/db",
                        P + "web.allow-tags", "regexp:[",
                        P + "api.ignore-tags", "[x, *-rc*",
                        P + "db.allow-tags", "regexp:^v\\d+$"),
                APP);

        ImageSpec web = spec.images().get(0);
        assertNull(web.selector());
        assertTrue(
                web.constraintError().contains("acme/web")
                        && web.constraintError().contains(">>1"),
                web.constraintError());
        assertTrue(
                web.warnings().stream().anyMatch(w -> w.contains("regexp:[") && w.contains("no tag will match")),
                web.warnings().toString());
        assertFalse(web.filter().allows("1.0"));

        ImageSpec api = spec.images().get(1);
        assertNull(api.constraintError());
        assertTrue(api.selector() != null);
        assertTrue(
                api.warnings().stream().anyMatch(w -> w.contains("\"[x\"") && w.contains("ignores no tag")),
                api.warnings().toString());
        assertFalse(api.filter().allows("1.2.1-rc1"));
        assertTrue(api.filter().allows("1.2.1"));

        ImageSpec db = spec.images().get(2);
        assertEquals(List.of(), db.warnings());
        assertTrue(db.filter().allows("v12"));
        assertFalse(db.filter().allows("12"));
        assertEquals(List.of(), spec.errors(), "a bad constraint or filter is the image's, not the entry list's");
    }

    @Test
    void noImageListMeansNoImages() {
        ApplicationSpec spec = ApplicationSpecParser.parse(Map.of("other", "x"), APP);
        assertEquals(List.of(), spec.images());
        assertEquals(List.of(), spec.errors());
        assertNull(spec.writeBack().credentials());
    }
}
