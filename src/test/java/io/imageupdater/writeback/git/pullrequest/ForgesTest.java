package io.imageupdater.writeback.git.pullrequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.PullRequestSettings.Provider;
import io.imageupdater.writeback.git.GitCredentials;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API base each provider derives from the repository URL, and the Secret's {@code apiURL} overriding it. */
class ForgesTest {
    private static final GitCredentials NONE = new GitCredentials("u", "p", null, "test");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GITHUB, https://github.com/acme/shop.git, https://api.github.com",
        "GITHUB, git@github.com:acme/shop.git, https://api.github.com",
        "GITHUB, https://ghe.example.com/acme/shop.git, https://ghe.example.com/api/v3",
        "GITLAB, https://gitlab.example.com/group/sub/shop.git, https://gitlab.example.com/api/v4",
        "GITLAB, ssh://git@gitlab.com:22/group/shop.git, https://gitlab.com/api/v4",
        "GITEA, https://codeberg.org/acme/shop.git, https://codeberg.org/api/v1",
        "GITEA, http://127.0.0.1:3000/acme/shop.git, http://127.0.0.1:3000/api/v1",
        "BITBUCKET, https://bitbucket.org/acme/shop.git, https://api.bitbucket.org/2.0",
        "BITBUCKET, git@bitbucket.org:acme/shop.git, https://api.bitbucket.org/2.0",
        "BITBUCKET, https://bb.example.com/scm/ACME/shop.git, https://bb.example.com/rest/api/1.0",
        "BITBUCKET, https://example.com/bitbucket/scm/ACME/shop.git, https://example.com/bitbucket/rest/api/1.0",
        "AZURE_DEVOPS, https://dev.azure.com/org/project/_git/shop, https://dev.azure.com/org/project/_apis",
        "AZURE_DEVOPS, https://org@dev.azure.com/org/project/_git/shop, https://dev.azure.com/org/project/_apis",
        "AZURE_DEVOPS, git@ssh.dev.azure.com:v3/org/project/shop, https://dev.azure.com/org/project/_apis"
    })
    void theApiBaseIsDerivedFromTheRepository(Provider provider, String repo, String api) {
        assertEquals(api, Forges.apiBase(provider, ForgeRepository.parse(repo), NONE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GITHUB", "GITLAB", "GITEA", "BITBUCKET", "AZURE_DEVOPS"})
    void apiUrlOverridesIt(Provider provider) {
        GitCredentials credentials =
                new GitCredentials("u", "p", null, "test", Map.of("apiURL", "https://proxy.example.com/api/"));
        assertEquals(
                "https://proxy.example.com/api",
                Forges.apiBase(provider, ForgeRepository.parse("https://dev.azure.com/o/p/_git/shop"), credentials));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://bitbucket.org/acme/shop.git, https://api.bitbucket.org/2.0, true",
        "https://bb.example.com/scm/ACME/shop.git, https://bb.example.com/rest/api/1.0, false",
        "http://127.0.0.1:1/acme/shop.git, http://127.0.0.1:2/2.0, true"
    })
    void bitbucketCloudOrDataCenter(String repo, String api, boolean cloud) {
        assertEquals(cloud, Forges.cloud(ForgeRepository.parse(repo), api));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://github.com/acme/shop.git, acme, shop",
        "git@github.com:acme/shop.git, acme, shop",
        "ssh://git@bb.example.com:7999/ACME/shop.git, ACME, shop",
        "https://bb.example.com/scm/ACME/shop.git, ACME, shop"
    })
    void ownerAndName(String repo, String owner, String name) {
        ForgeRepository repository = ForgeRepository.parse(repo);
        assertEquals(owner, repository.owner());
        assertEquals(name, repository.name());
        assertFalse(repository.origin().contains("git@"));
        assertTrue(repository.origin().startsWith("http"));
    }
}
