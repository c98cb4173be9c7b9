package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import io.imageupdater.argocd.PullRequestSettings.Provider;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code writeBackConfig.gitConfig.pullRequest} as the CR spells it: exactly one provider, and the additive fields. */
class PullRequestSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of(
                        "github", "{\"github\":{},\"labels\":[\"a\",\" a\",\"b\"]}", Provider.GITHUB, AutoMerge.OFF),
                Arguments.of(
                        "gitlab with autoMerge true",
                        "{\"gitlab\":{},\"autoMerge\":true}",
                        Provider.GITLAB,
                        AutoMerge.DEFAULT),
                Arguments.of(
                        "gitea squash", "{\"gitea\":{},\"autoMerge\":\"squash\"}", Provider.GITEA, AutoMerge.SQUASH),
                Arguments.of("bitbucket", "{\"bitbucket\":{},\"autoMerge\":false}", Provider.BITBUCKET, AutoMerge.OFF),
                Arguments.of(
                        "azureDevOps rebase",
                        "{\"azureDevOps\":{},\"autoMerge\":\"rebase\",\"draft\":true}",
                        Provider.AZURE_DEVOPS,
                        AutoMerge.REBASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void oneProviderParses(String name, String json, Provider provider, AutoMerge autoMerge) throws Exception {
        PullRequestSettings settings =
                ResourceSettings.pullRequest(JSON.readValue(json, ImageUpdaterSpec.PullRequestSpec.class));
        assertEquals(provider, settings.provider());
        assertEquals(autoMerge, settings.autoMerge());
    }

    @Test
    void labelsReviewersAndDraftAreKept() throws Exception {
        PullRequestSettings settings = ResourceSettings.pullRequest(JSON.readValue(
                "{\"github\":{},\"labels\":[\"a\",\" a\",\"b\"],\"draft\":true,\"reviewers\":[\"alice\",\"org/team\"]}",
                ImageUpdaterSpec.PullRequestSpec.class));
        assertEquals(List.of("a", "b"), settings.labels());
        assertTrue(settings.draft());
        assertEquals(List.of("alice", "org/team"), settings.reviewers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSpecsAreErrorsNamingTheField(String json, String says) throws Exception {
        ImageUpdaterSpec.PullRequestSpec spec = JSON.readValue(json, ImageUpdaterSpec.PullRequestSpec.class);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ResourceSettings.pullRequest(spec));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"labels\":[\"a\"]}", "exactly one provider"),
                Arguments.of("{\"github\":{},\"gitlab\":{}}", "exactly one provider"),
                Arguments.of("{\"github\":{},\"autoMerge\":\"yes\"}", "pullRequest.autoMerge"));
    }

    @Test
    void noPullRequestMeansPush() {
        assertNull(ResourceSettings.pullRequest(null));
    }
}
