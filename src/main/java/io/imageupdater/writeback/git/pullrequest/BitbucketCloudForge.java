package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket Cloud: {@code api.bitbucket.org/2.0/repositories/{workspace}/{repo}/pullrequests}. It has no labels and
 * no auto-merge in its API; reviewers are account IDs or {@code {uuid}}s.
 */
final class BitbucketCloudForge implements Forge {
    private final ForgeHttp http;
    private final String repo;

    BitbucketCloudForge(ForgeHttp http, ForgeRepository repository) {
        this.http = http;
        this.repo = "/repositories/" + ForgeHttp.encode(repository.owner()) + "/" + ForgeHttp.encode(repository.name());
    }

    @Override
    public String provider() {
        return "bitbucket";
    }

    @Override
    public PullRequestText.Limits limits() {
        return new PullRequestText.Limits(255, 32_768);
    }

    @Override
    public Optional<PullRequest> findOpen(String head, String base) {
        String query = "source.branch.name=\"" + head + "\" AND destination.branch.name=\"" + base + "\"";
        JsonNode page = http.get(repo + "/pullrequests?state=OPEN&q=" + ForgeHttp.encode(query));
        for (JsonNode node : page.path("values")) {
            if (head.equals(node.path("source").path("branch").path("name").asText())) {
                return Optional.of(read(node));
            }
        }
        return Optional.empty();
    }

    @Override
    public PullRequest open(String head, String base, PullRequestText text, boolean draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", text.title());
        body.put("description", text.body());
        body.put("source", Map.of("branch", Map.of("name", head)));
        body.put("destination", Map.of("branch", Map.of("name", base)));
        body.put("close_source_branch", true);
        body.put("draft", draft);
        return read(http.post(repo + "/pullrequests", body));
    }

    @Override
    public void update(PullRequest pullRequest, PullRequestText text) {
        http.put(repo + "/pullrequests/" + pullRequest.id(), Map.of("title", text.title(), "description", text.body()));
    }

    @Override
    public void close(PullRequest pullRequest, String comment) {
        http.post(repo + "/pullrequests/" + pullRequest.id() + "/comments", Map.of("content", Map.of("raw", comment)));
        http.post(repo + "/pullrequests/" + pullRequest.id() + "/decline", Map.of());
    }

    @Override
    public void addLabels(PullRequest pullRequest, List<String> labels) {
        throw new Unsupported("labels (Bitbucket has none)");
    }

    @Override
    public void requestReviewers(PullRequest pullRequest, List<String> reviewers) {
        List<Map<String, String>> people = reviewers.stream()
                .map(reviewer -> reviewer.startsWith("{") ? Map.of("uuid", reviewer) : Map.of("account_id", reviewer))
                .toList();
        http.put(repo + "/pullrequests/" + pullRequest.id(), Map.of("reviewers", people));
    }

    @Override
    public void enableAutoMerge(PullRequest pullRequest, AutoMerge mode) {
        throw new Unsupported("auto-merge (not in Bitbucket Cloud's API)");
    }

    private static PullRequest read(JsonNode node) {
        return new PullRequest(
                node.path("id").asText(),
                node.path("links").path("html").path("href").asText(),
                node.path("title").asText(),
                node.path("description").asText(),
                null);
    }
}
