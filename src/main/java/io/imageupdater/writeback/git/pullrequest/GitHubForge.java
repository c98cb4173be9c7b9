package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub and GitHub Enterprise: REST {@code /repos/{owner}/{repo}/pulls} and {@code /issues}, GraphQL
 * {@code enablePullRequestAutoMerge} for auto-merge.
 */
final class GitHubForge implements Forge {
    private final ForgeHttp http;
    private final String repo;
    private final String owner;
    private final String graphql;

    GitHubForge(ForgeHttp http, ForgeRepository repository) {
        this.http = http;
        this.owner = repository.owner();
        this.repo = "/repos/" + ForgeHttp.encode(owner) + "/" + ForgeHttp.encode(repository.name());
        this.graphql = graphql(http.base());
    }

    /** {@code https://api.github.com} → {@code /graphql}; {@code https://host/api/v3} → {@code /api/graphql}. */
    static String graphql(String base) {
        return base.endsWith("/api/v3") ? base.substring(0, base.length() - 3) + "/graphql" : base + "/graphql";
    }

    @Override
    public String provider() {
        return "github";
    }

    @Override
    public PullRequestText.Limits limits() {
        return new PullRequestText.Limits(256, 65_536);
    }

    @Override
    public Optional<PullRequest> findOpen(String head, String base) {
        JsonNode list = http.get(repo + "/pulls?state=open&head=" + ForgeHttp.encode(owner + ":" + head) + "&base="
                + ForgeHttp.encode(base) + "&per_page=10");
        for (JsonNode node : list) {
            if (head.equals(node.path("head").path("ref").asText())) {
                return Optional.of(read(node));
            }
        }
        return Optional.empty();
    }

    @Override
    public PullRequest open(String head, String base, PullRequestText text, boolean draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", text.title());
        body.put("body", text.body());
        body.put("head", head);
        body.put("base", base);
        body.put("draft", draft);
        body.put("maintainer_can_modify", false);
        return read(http.post(repo + "/pulls", body));
    }

    @Override
    public void update(PullRequest pullRequest, PullRequestText text) {
        http.patch(repo + "/pulls/" + pullRequest.id(), Map.of("title", text.title(), "body", text.body()));
    }

    @Override
    public void close(PullRequest pullRequest, String comment) {
        http.post(repo + "/issues/" + pullRequest.id() + "/comments", Map.of("body", comment));
        http.patch(repo + "/pulls/" + pullRequest.id(), Map.of("state", "closed"));
    }

    @Override
    public void addLabels(PullRequest pullRequest, List<String> labels) {
        http.post(repo + "/issues/" + pullRequest.id() + "/labels", Map.of("labels", labels));
    }

    @Override
    public void requestReviewers(PullRequest pullRequest, List<String> reviewers) {
        List<String> users = new ArrayList<>();
        List<String> teams = new ArrayList<>();
        for (String reviewer : reviewers) {
            if (reviewer.contains("/")) {
                teams.add(reviewer.substring(reviewer.indexOf('/') + 1));
            } else {
                users.add(reviewer);
            }
        }
        http.post(
                repo + "/pulls/" + pullRequest.id() + "/requested_reviewers",
                Map.of("reviewers", users, "team_reviewers", teams));
    }

    @Override
    public void enableAutoMerge(PullRequest pullRequest, AutoMerge mode) {
        String method = mode == AutoMerge.DEFAULT ? "" : ", mergeMethod: " + mode.name();
        String query = "mutation($id: ID!) { enablePullRequestAutoMerge(input: {pullRequestId: $id" + method
                + "}) { pullRequest { number } } }";
        JsonNode answer = http.post(graphql, Map.of("query", query, "variables", Map.of("id", pullRequest.nodeId())));
        if (answer.has("errors") && !answer.get("errors").isEmpty()) {
            throw new ForgeApiException(
                    "github API for " + http.repository() + ": enablePullRequestAutoMerge failed: "
                            + http.redact(
                                    answer.get("errors").get(0).path("message").asText()),
                    200);
        }
    }

    private static PullRequest read(JsonNode node) {
        return new PullRequest(
                node.path("number").asText(),
                node.path("html_url").asText(),
                node.path("title").asText(),
                node.path("body").asText(),
                node.path("node_id").asText());
    }
}
