package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Azure DevOps Repos: {@code {org}/{project}/_apis/git/repositories/{repo}/pullrequests} (api-version 7.1); closing
 * abandons; auto-merge sets {@code autoCompleteSetBy} to the pull request's creator; reviewers are identity IDs.
 */
final class AzureDevOpsForge implements Forge {
    private static final String VERSION = "api-version=7.1";

    private final ForgeHttp http;
    private final String repo;
    private final String web;

    AzureDevOpsForge(ForgeHttp http, ForgeRepository repository) {
        this.http = http;
        this.repo = "/git/repositories/" + ForgeHttp.encode(repository.name());
        this.web = repository.origin() + "/" + repository.path();
    }

    @Override
    public String provider() {
        return "azureDevOps";
    }

    @Override
    public PullRequestText.Limits limits() {
        return new PullRequestText.Limits(400, 4_000);
    }

    @Override
    public Optional<PullRequest> findOpen(String head, String base) {
        JsonNode page = http.get(repo + "/pullrequests?searchCriteria.status=active&searchCriteria.sourceRefName="
                + ForgeHttp.encode("refs/heads/" + head) + "&searchCriteria.targetRefName="
                + ForgeHttp.encode("refs/heads/" + base) + "&" + VERSION);
        for (JsonNode node : page.path("value")) {
            if (("refs/heads/" + head).equals(node.path("sourceRefName").asText())) {
                return Optional.of(read(node));
            }
        }
        return Optional.empty();
    }

    @Override
    public PullRequest open(String head, String base, PullRequestText text, boolean draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sourceRefName", "refs/heads/" + head);
        body.put("targetRefName", "refs/heads/" + base);
        body.put("title", text.title());
        body.put("description", text.body());
        body.put("isDraft", draft);
        return read(http.post(repo + "/pullrequests?" + VERSION, body));
    }

    @Override
    public void update(PullRequest pullRequest, PullRequestText text) {
        http.patch(
                repo + "/pullrequests/" + pullRequest.id() + "?" + VERSION,
                Map.of("title", text.title(), "description", text.body()));
    }

    @Override
    public void close(PullRequest pullRequest, String comment) {
        http.post(
                repo + "/pullRequests/" + pullRequest.id() + "/threads?" + VERSION,
                Map.of(
                        "comments",
                        List.of(Map.of("parentCommentId", 0, "content", comment, "commentType", 1)),
                        "status",
                        4));
        http.patch(repo + "/pullrequests/" + pullRequest.id() + "?" + VERSION, Map.of("status", "abandoned"));
    }

    @Override
    public void addLabels(PullRequest pullRequest, List<String> labels) {
        for (String label : labels) {
            http.post(repo + "/pullRequests/" + pullRequest.id() + "/labels?" + VERSION, Map.of("name", label));
        }
    }

    @Override
    public void requestReviewers(PullRequest pullRequest, List<String> reviewers) {
        for (String reviewer : reviewers) {
            http.put(
                    repo + "/pullRequests/" + pullRequest.id() + "/reviewers/" + ForgeHttp.encode(reviewer) + "?"
                            + VERSION,
                    Map.of("vote", 0));
        }
    }

    @Override
    public void enableAutoMerge(PullRequest pullRequest, AutoMerge mode) {
        String strategy = switch (mode) {
            case SQUASH -> "squash";
            case REBASE -> "rebase";
            default -> "noFastForward";
        };
        http.patch(
                repo + "/pullrequests/" + pullRequest.id() + "?" + VERSION,
                Map.of(
                        "autoCompleteSetBy", Map.of("id", pullRequest.nodeId()),
                        "completionOptions", Map.of("mergeStrategy", strategy, "deleteSourceBranch", true)));
    }

    private PullRequest read(JsonNode node) {
        String id = node.path("pullRequestId").asText();
        String repositoryWeb = node.path("repository").path("webUrl").asText("");
        return new PullRequest(
                id,
                (repositoryWeb.isEmpty() ? web : repositoryWeb) + "/pullrequest/" + id,
                node.path("title").asText(),
                node.path("description").asText(),
                node.path("createdBy").path("id").asText());
    }
}
