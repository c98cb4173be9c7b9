package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GitLab: {@code /api/v4/projects/{url-encoded path}/merge_requests}; drafts by the {@code Draft:} title prefix. */
final class GitLabForge implements Forge {
    private final ForgeHttp http;
    private final String project;

    GitLabForge(ForgeHttp http, ForgeRepository repository) {
        this.http = http;
        this.project = "/projects/" + ForgeHttp.encode(repository.path());
    }

    @Override
    public String provider() {
        return "gitlab";
    }

    @Override
    public PullRequestText.Limits limits() {
        return new PullRequestText.Limits(255, 1_048_576);
    }

    @Override
    public Optional<PullRequest> findOpen(String head, String base) {
        JsonNode list = http.get(project + "/merge_requests?state=opened&source_branch=" + ForgeHttp.encode(head)
                + "&target_branch=" + ForgeHttp.encode(base));
        for (JsonNode node : list) {
            if (head.equals(node.path("source_branch").asText())) {
                return Optional.of(read(node));
            }
        }
        return Optional.empty();
    }

    @Override
    public PullRequest open(String head, String base, PullRequestText text, boolean draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_branch", head);
        body.put("target_branch", base);
        body.put("title", draft ? "Draft: " + text.title() : text.title());
        body.put("description", text.body());
        body.put("remove_source_branch", true);
        return read(http.post(project + "/merge_requests", body));
    }

    @Override
    public void update(PullRequest pullRequest, PullRequestText text) {
        String title = pullRequest.title().startsWith("Draft: ") ? "Draft: " + text.title() : text.title();
        http.put(project + "/merge_requests/" + pullRequest.id(), Map.of("title", title, "description", text.body()));
    }

    @Override
    public void close(PullRequest pullRequest, String comment) {
        http.post(project + "/merge_requests/" + pullRequest.id() + "/notes", Map.of("body", comment));
        http.put(project + "/merge_requests/" + pullRequest.id(), Map.of("state_event", "close"));
    }

    @Override
    public void addLabels(PullRequest pullRequest, List<String> labels) {
        http.put(project + "/merge_requests/" + pullRequest.id(), Map.of("add_labels", String.join(",", labels)));
    }

    @Override
    public void requestReviewers(PullRequest pullRequest, List<String> reviewers) {
        List<Long> ids = new ArrayList<>();
        for (String reviewer : reviewers) {
            JsonNode users = http.get("/users?username=" + ForgeHttp.encode(reviewer));
            if (users.isEmpty()) {
                throw new Unsupported("reviewer " + reviewer + " (no such user)");
            }
            ids.add(users.get(0).path("id").asLong());
        }
        http.put(project + "/merge_requests/" + pullRequest.id(), Map.of("reviewer_ids", ids));
    }

    @Override
    public void enableAutoMerge(PullRequest pullRequest, AutoMerge mode) {
        if (mode == AutoMerge.REBASE) {
            throw new Unsupported("auto-merge by rebase");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merge_when_pipeline_succeeds", true);
        if (mode == AutoMerge.SQUASH) {
            body.put("squash", true);
        }
        http.put(project + "/merge_requests/" + pullRequest.id() + "/merge", body);
    }

    private static PullRequest read(JsonNode node) {
        return new PullRequest(
                node.path("iid").asText(),
                node.path("web_url").asText(),
                node.path("title").asText(),
                node.path("description").asText(),
                null);
    }
}
