package io.imageupdater.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import io.imageupdater.argocd.PullRequestSettings.Provider;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pullRequest} settings and their annotation form ({@code git-pull-request}, {@code git-pull-request-labels}). */
class PullRequestSettingsTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "github, GITHUB",
        "GitLab, GITLAB",
        "gitea, GITEA",
        "forgejo, GITEA",
        "bitbucket, BITBUCKET",
        "azureDevOps, AZURE_DEVOPS",
        "azure-devops, AZURE_DEVOPS"
    })
    void providersParse(String text, Provider provider) {
        assertEquals(provider, Provider.parse(text));
    }

    @ParameterizedTest(name = "autoMerge {0} is {1}")
    @CsvSource({"false, OFF", "true, DEFAULT", "squash, SQUASH", "rebase, REBASE", "merge, MERGE", "'', OFF"})
    void autoMergeParses(String text, AutoMerge mode) {
        assertEquals(mode, AutoMerge.parse(text));
    }

    @Test
    void anUnknownAutoMergeIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoMerge.parse("fast"));
        assertTrue(e.getMessage().contains("autoMerge \"fast\""), e.getMessage());
    }

    @Test
    void labelsAreTrimmedDeduplicatedAndAtMostAHundred() {
        List<String> many = IntStream.range(0, 150).mapToObj(i -> "l" + i).toList();
        assertEquals(
                List.of("a", "b"),
                new PullRequestSettings(Provider.GITHUB, List.of(" a", "b ", "a", " ", ""), null, false, null)
                        .labels());
        assertEquals(
                100,
                new PullRequestSettings(Provider.GITHUB, many, null, false, null)
                        .labels()
                        .size());
    }

    @Test
    void theAnnotationsConfigureAPullRequest() {
        ApplicationSpec spec = ApplicationSpecParser.parse(
                Map.of(
                        Annotations.IMAGE_LIST, "web=ghcr.io/acme/web",
                        Annotations.WRITE_BACK_METHOD, "git",
                        Annotations.GIT_PULL_REQUEST, "gitlab",
                        Annotations.GIT_PULL_REQUEST_LABELS, "deps, images,deps"),
                "team/shop");

        PullRequestSettings settings = spec.writeBack().pullRequest();
        assertEquals(Provider.GITLAB, settings.provider());
        assertEquals(List.of("deps", "images"), settings.labels());
        assertEquals(AutoMerge.OFF, settings.autoMerge());
    }

    @Test
    void withoutTheAnnotationChangesArePushed() {
        ApplicationSpec spec = ApplicationSpecParser.parse(
                Map.of(Annotations.IMAGE_LIST, "web=ghcr.io/acme/web", Annotations.WRITE_BACK_METHOD, "git"),
                "team/shop");
        assertNull(spec.writeBack().pullRequest());
    }

    @Test
    void anUnknownProviderStopsTheApplicationWithAnErrorNamingTheAnnotation() {
        ApplicationSpec spec = ApplicationSpecParser.parse(
                Map.of(
                        Annotations.IMAGE_LIST, "web=ghcr.io/acme/web",
                        Annotations.WRITE_BACK_METHOD, "git",
                        Annotations.GIT_PULL_REQUEST, "sourcehut"),
                "team/shop");

        assertEquals(List.of(), spec.images());
        assertTrue(
                spec.errors().get(0).message().contains(Annotations.GIT_PULL_REQUEST),
                spec.errors().toString());
        assertTrue(
                spec.errors().get(0).message().contains("sourcehut"),
                spec.errors().toString());
    }
}
