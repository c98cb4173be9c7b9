package io.imageupdater.writeback.git.pullrequest;

import io.imageupdater.argocd.PullRequestSettings.Provider;
import io.imageupdater.writeback.git.GitCredentials;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of forge quirks: each provider's API base derived from the repository URL (overridden by the
 * Secret's {@code apiURL}), how it authenticates, and which client speaks to it.
 */
final class Forges {
    private Forges() {}

    static Forge create(
            Provider provider, String repoUrl, GitCredentials credentials, HttpClient client, Duration timeout) {
        ForgeRepository repository = ForgeRepository.parse(repoUrl);
        String api = apiBase(provider, repository, credentials);
        String token = credentials.field("token") != null ? credentials.field("token") : credentials.password();
        if (token == null) {
            throw new ForgeApiException(
                    provider.key() + " API for " + repository + ": " + credentials.origin()
                            + " holds no token (password or token) for the API",
                    0);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>(List.of(token));
        if (credentials.password() != null) {
            secrets.add(credentials.password());
        }
        switch (provider) {
            case GITHUB -> {
                headers.put("Authorization", "Bearer " + token);
                headers.put("Accept", "application/vnd.github+json");
                headers.put("X-GitHub-Api-Version", "2022-11-28");
            }
            case GITLAB -> headers.put("PRIVATE-TOKEN", token);
            case GITEA -> headers.put("Authorization", "token " + token);
            case BITBUCKET ->
                headers.put(
                        "Authorization",
                        credentials.username() != null && credentials.field("token") == null
                                ? basic(credentials.username(), token)
                                : "Bearer " + token);
            case AZURE_DEVOPS -> headers.put("Authorization", basic("", token));
        }
        ForgeHttp http = new ForgeHttp(client, provider.key(), repository.toString(), api, headers, secrets, timeout);
        return switch (provider) {
            case GITHUB -> new GitHubForge(http, repository);
            case GITLAB -> new GitLabForge(http, repository);
            case GITEA -> new GiteaForge(http, repository);
            case BITBUCKET ->
                cloud(repository, api)
                        ? new BitbucketCloudForge(http, repository)
                        : new BitbucketDataCenterForge(http, repository);
            case AZURE_DEVOPS -> new AzureDevOpsForge(http, repository);
        };
    }

    /** The API base: the Secret's {@code apiURL}, else derived from the repository URL. */
    static String apiBase(Provider provider, ForgeRepository repository, GitCredentials credentials) {
        String override = credentials.field("apiURL");
        if (override == null && provider == Provider.GITHUB) {
            override = credentials.field("githubAppEnterpriseBaseUrl");
        }
        if (override != null) {
            return override.strip().replaceAll("/+$", "");
        }
        String origin = repository.origin();
        List<String> path = repository.segments();
        return switch (provider) {
            case GITHUB -> repository.host().equals("github.com") ? "https://api.github.com" : origin + "/api/v3";
            case GITLAB -> origin + "/api/v4";
            case GITEA -> origin + "/api/v1";
            case BITBUCKET -> {
                if (repository.host().equals("bitbucket.org")) {
                    yield "https://api.bitbucket.org/2.0";
                }
                int scm = path.indexOf("scm");
                String context = scm > 0 ? "/" + String.join("/", path.subList(0, scm)) : "";
                yield origin + context + "/rest/api/1.0";
            }
            case AZURE_DEVOPS -> azure(repository);
        };
    }

    private static String azure(ForgeRepository repository) {
        List<String> path = repository.segments();
        if (repository.host().equals("ssh.dev.azure.com") && path.size() >= 4) {
            return "https://dev.azure.com/" + path.get(1) + "/" + path.get(2) + "/_apis";
        }
        int git = path.indexOf("_git");
        if (git < 1) {
            throw new IllegalArgumentException("Azure DevOps repository " + repository
                    + " is not of the form https://dev.azure.com/{org}/{project}/_git/{repo}");
        }
        return repository.origin() + "/" + String.join("/", path.subList(0, git)) + "/_apis";
    }

    static boolean cloud(ForgeRepository repository, String api) {
        return repository.host().equals("bitbucket.org") || api.contains("api.bitbucket.org") || api.endsWith("/2.0");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
