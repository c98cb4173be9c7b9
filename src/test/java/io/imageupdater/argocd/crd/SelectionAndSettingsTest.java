package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ApplicationRef;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.GitSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.UpdateSettings;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.WriteBackSettings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pure rules of the custom resource: globs, rule order, and field-by-field merging of settings. */
class SelectionAndSettingsTest {

    static Stream<Arguments> globs() {
        return Stream.of(
                Arguments.of(Named.of("star matches any run", "shop-*"), "shop-web", true),
                Arguments.of(Named.of("star needs the literal prefix", "shop-*"), "cart-web", false),
                Arguments.of(Named.of("question mark is one character", "app-?"), "app-1", true),
                Arguments.of(Named.of("question mark is not two", "app-?"), "app-12", false),
                Arguments.of(Named.of("set", "app-[ab]"), "app-b", true),
                Arguments.of(Named.of("range", "app-[0-9]"), "app-7", true),
                Arguments.of(Named.of("negated set", "app-[^0-9]"), "app-7", false),
                Arguments.of(Named.of("! is no negation (filepath.Match)", "app-[!0-9]"), "app-7", true),
                Arguments.of(Named.of("star stops at a slash", "app-*"), "app-a/b", false),
                Arguments.of(Named.of("escaped star is literal", "a\\*"), "a*", true),
                Arguments.of(Named.of("dot is literal", "a.b"), "axb", false),
                Arguments.of(Named.of("exact name", "billing"), "billing", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globs")
    void globMatching(String glob, String name, boolean matches) {
        assertEquals(matches, NameGlob.parse(glob).matches(name));
    }

    static Stream<Arguments> invalidGlobs() {
        return Stream.of(
                Arguments.of(Named.of("unclosed set", "shop-["), "never closed"),
                Arguments.of(Named.of("trailing escape", "shop\\"), "unfinished escape"),
                Arguments.of(Named.of("unescaped - in a set", "app-[a-]"), "must be escaped"),
                Arguments.of(Named.of("empty", ""), "empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidGlobs")
    void invalidGlobIsNamed(String glob, String problem) {
        ImageUpdaterException e = assertThrows(ImageUpdaterException.class, () -> NameGlob.parse(glob));
        assertTrue(e.getMessage().contains(problem) && e.getMessage().contains(glob), e.getMessage());
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(Named.of("exact name before glob", List.of("*", "shop-web")), List.of("shop-web", "*")),
                Arguments.of(
                        Named.of("more literals first", List.of("s*", "shop-*", "sh*")),
                        List.of("shop-*", "sh*", "s*")),
                Arguments.of(Named.of("label selector breaks a tie", List.of("a*", "b*|team")), List.of("b*", "a*")),
                Arguments.of(Named.of("written order last", List.of("a*", "b*")), List.of("a*", "b*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void rulesAreOrderedMostSpecificFirst(List<String> written, List<String> expected) {
        List<ApplicationRef> refs = written.stream()
                .map(text -> {
                    String[] parts = text.split("\\|");
                    var selector = parts.length > 1
                            ? new ImageUpdaterSpec.Selector(java.util.Map.of(parts[1], "x"), null)
                            : null;
                    return new ApplicationRef(parts[0], selector, true, null, null, null);
                })
                .toList();
        ImageUpdaterResource resource =
                new ImageUpdaterResource("ns", "r", 1, null, null, new ImageUpdaterSpec(null, null, null, refs), null);
        assertEquals(
                expected,
                ResourceRules.compile(resource).rules().stream()
                        .map(rule -> rule.glob().text())
                        .toList());
    }

    static Stream<Arguments> updateSettings() {
        UpdateSettings global =
                new UpdateSettings("semver", true, "regexp:^v", List.of("*-rc"), "env:TOKEN", List.of("linux/amd64"));
        return Stream.of(
                Arguments.of(Named.of("nothing overridden", global), null, null, global),
                Arguments.of(
                        Named.of("per-image strategy only", global),
                        null,
                        new UpdateSettings("digest", null, null, null, null, null),
                        new UpdateSettings(
                                "digest", true, "regexp:^v", List.of("*-rc"), "env:TOKEN", List.of("linux/amd64"))),
                Arguments.of(
                        Named.of("ref then image, each one field", global),
                        new UpdateSettings(null, false, null, null, null, null),
                        new UpdateSettings(null, null, null, List.of(), null, null),
                        new UpdateSettings(
                                "semver", false, "regexp:^v", List.of(), "env:TOKEN", List.of("linux/amd64"))),
                Arguments.of(
                        Named.of("image wins over ref", UpdateSettings.NONE),
                        new UpdateSettings("alphabetical", null, "any", null, null, null),
                        new UpdateSettings("newest-build", null, null, null, null, null),
                        new UpdateSettings("newest-build", null, "any", null, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateSettings")
    void updateSettingsMergeFieldByField(
            UpdateSettings global, UpdateSettings ref, UpdateSettings image, UpdateSettings expected) {
        assertEquals(expected, global.overriddenBy(ref).overriddenBy(image));
    }

    static Stream<Arguments> writeBacks() {
        WriteBackSettings git = new WriteBackSettings(
                "git:secret:argocd/git-creds",
                new GitSettings("https://git.example.com/a.git", "main", "kustomization:."));
        return Stream.of(
                Arguments.of(
                        Named.of("none anywhere is argocd", (WriteBackSettings) null), null, WriteBackConfig.ARGOCD),
                Arguments.of(
                        Named.of("ref sets only the branch, inherits git", git),
                        new WriteBackSettings(null, new GitSettings(null, "release", null)),
                        new WriteBackConfig(
                                WriteBackMethod.GIT,
                                "secret:argocd/git-creds",
                                "kustomization:.",
                                "release",
                                "https://git.example.com/a.git")),
                Arguments.of(
                        Named.of("ref switches to argocd", git),
                        new WriteBackSettings("argocd", null),
                        new WriteBackConfig(
                                WriteBackMethod.ARGOCD,
                                null,
                                "kustomization:.",
                                "main",
                                "https://git.example.com/a.git")),
                Arguments.of(
                        Named.of("ref alone", (WriteBackSettings) null),
                        new WriteBackSettings("git", new GitSettings(null, null, "helmvalues:values.yaml")),
                        new WriteBackConfig(WriteBackMethod.GIT, null, "helmvalues:values.yaml", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeBacks")
    void writeBackMergesFieldByField(WriteBackSettings global, WriteBackSettings ref, WriteBackConfig expected) {
        ImageUpdaterSpec spec = new ImageUpdaterSpec(null, null, global, null);
        assertEquals(
                expected.toString(),
                ResourceSettings.writeBack(spec, new ApplicationRef("*", null, null, null, ref, null))
                        .toString());
        assertEquals(
                expected.credentials(),
                ResourceSettings.writeBack(spec, new ApplicationRef("*", null, null, null, ref, null))
                        .credentials());
    }
}
