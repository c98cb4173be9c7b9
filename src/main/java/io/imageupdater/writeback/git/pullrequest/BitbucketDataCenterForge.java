package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket Data Center (Server): {@code /rest/api/1.0/projects/{key}/repos/{slug}/pull-requests}; updates and
 * declines carry the pull request's {@code version}. It has no labels; auto-merge is not requested through it.
 */
final class BitbucketDataCenterForge implements Forge {
    private final ForgeHttp http;
    private final String repo;

    BitbucketDataCenterForge(ForgeHttp http, ForgeRepository repository) {
        this.http = http;
        this.repo =
                "/projects/" + ForgeHttp.encode(repository.owner()) + "/repos/" + ForgeHttp.encode(repository.name());
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
        JsonNode page = http.get(repo + "/pull-requests?state=OPEN&direction=OUTGOING&at="
                + ForgeHttp.encode("refs/heads/" + head) + "&limit=50");
        for (JsonNode node : page.path("values")) {
            if (("refs/heads/" + head).equals(node.path("fromRef").path("id").asText())
                    && ("refs/heads/" + base)
                            .equals(node.path("toRef").path("id").asText())) {
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
        body.put("draft", draft);
        body.put("fromRef", Map.of("id", "refs/heads/" + head));
        body.put("toRef", Map.of("id", "refs/heads/" + base));
        return read(http.post(repo + "/pull-requests", body));
    }

    @Override
    public void update(PullRequest pullRequest, PullRequestText text) {
        http.put(
                repo + "/pull-requests/" + pullRequest.id(),
                Map.of(
                        "version",
                        Long.parseLong(pullRequest.nodeId()),
                        "title",
                        text.title(),
                        "description",
                        text.body()));
    }

    @Override
    public void close(PullRequest pullRequest, String comment) {
        http.post(repo + "/pull-requests/" + pullRequest.id() + "/comments", Map.of("text", comment));
        // the comment does not change the version; a concurrent edit would, and then declining fails (409)
        http.post(
                repo + "/pull-requests/" + pullRequest.id() + "/decline?version=" + pullRequest.nodeId(),
                Map.of("version", Long.parseLong(pullRequest.nodeId())));
    }

    @Override
    public void addLabels(PullRequest pullRequest, List<String> labels) {
        throw new Unsupported("labels (Bitbucket has none)");
    }

    @Override
    public void requestReviewers(PullRequest pullRequest, List<String> reviewers) {
        JsonNode current = http.get(repo + "/pull-requests/" + pullRequest.id());
        http.put(
                repo + "/pull-requests/" + pullRequest.id(),
                Map.of(
                        "version", current.path("version").asLong(),
                        "reviewers",
                                reviewers.stream()
                                        .map(name -> Map.of("user", Map.of("name", name)))
                                        .toList()));
    }

    @Override
    public void enableAutoMerge(PullRequest pullRequest, AutoMerge mode) {
        throw new Unsupported("auto-merge (not requested through Bitbucket Data Center's API)");
    }

    private static PullRequest read(JsonNode node) {
        JsonNode self = node.path("links").path("self");
        return new PullRequest(
                node.path("id").asText(),
                self.isArray() && !self.isEmpty() ? self.get(0).path("href").asText() : "",
                node.path("title").asText(),
                node.path("description").asText(),
                node.path("version").asText("0"));
    }
}
