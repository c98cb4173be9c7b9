package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.argocd.PullRequestSettings.AutoMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gitea and Forgejo: {@code /api/v1/repos/{owner}/{repo}/pulls}; labels by ID from {@code /labels}; drafts by the
 * {@code WIP:} title prefix; auto-merge through {@code /merge} with {@code merge_when_checks_succeed}.
 */
final class GiteaForge implements Forge {
    private final ForgeHttp http;
    private final String repo;

    GiteaForge(ForgeHttp http, ForgeRepository repository) {
        this.http = http;
        this.repo = "/repos/" + ForgeHttp.encode(repository.owner()) + "/" + ForgeHttp.encode(repository.name());
    }

    @Override
    public String provider() {
        return "gitea";
    }

    @Override
    public PullRequestText.Limits limits() {
        return new PullRequestText.Limits(255, 65_535);
    }

    @Override
    public Optional<PullRequest> findOpen(String head, String base) {
        for (int page = 1; page <= 20; page++) {
            JsonNode list = http.get(repo + "/pulls?state=open&limit=50&page=" + page);
            for (JsonNode node : list) {
                if (head.equals(node.path("head").path("ref").asText())
                        && base.equals(node.path("base").path("ref").asText())) {
                    return Optional.of(read(node));
                }
            }
            if (list.size() < 50) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public PullRequest open(String head, String base, PullRequestText text, boolean draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", head);
        body.put("base", base);
        body.put("title", draft ? "WIP: " + text.title() : text.title());
        body.put("body", text.body());
        return read(http.post(repo + "/pulls", body));
    }

    @Override
    public void update(PullRequest pullRequest, PullRequestText text) {
        String title = pullRequest.title().startsWith("WIP: ") ? "WIP: " + text.title() : text.title();
        http.patch(repo + "/pulls/" + pullRequest.id(), Map.of("title", title, "body", text.body()));
    }

    @Override
    public void close(PullRequest pullRequest, String comment) {
        http.post(repo + "/issues/" + pullRequest.id() + "/comments", Map.of("body", comment));
        http.patch(repo + "/pulls/" + pullRequest.id(), Map.of("state", "closed"));
    }

    @Override
    public void addLabels(PullRequest pullRequest, List<String> labels) {
        Map<String, Long> known = new LinkedHashMap<>();
        for (JsonNode label : http.get(repo + "/labels?limit=50")) {
            known.put(label.path("name").asText(), label.path("id").asLong());
        }
        List<Long> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String label : labels) {
            if (known.containsKey(label)) {
                ids.add(known.get(label));
            } else {
                missing.add(label);
            }
        }
        if (!ids.isEmpty()) {
            http.post(repo + "/issues/" + pullRequest.id() + "/labels", Map.of("labels", ids));
        }
        if (!missing.isEmpty()) {
            throw new Unsupported("labels " + missing + " (not defined in the repository)");
        }
    }

    @Override
    public void requestReviewers(PullRequest pullRequest, List<String> reviewers) {
        http.post(repo + "/pulls/" + pullRequest.id() + "/requested_reviewers", Map.of("reviewers", reviewers));
    }

    @Override
    public void enableAutoMerge(PullRequest pullRequest, AutoMerge mode) {
        String method = switch (mode) {
            case SQUASH -> "squash";
            case REBASE -> "rebase";
            default -> "merge";
        };
        http.post(
                repo + "/pulls/" + pullRequest.id() + "/merge",
                Map.of("Do", method, "merge_when_checks_succeed", true, "delete_branch_after_merge", true));
    }

    private static PullRequest read(JsonNode node) {
        return new PullRequest(
                node.path("number").asText(),
                node.path("html_url").asText(),
                node.path("title").asText(),
                node.path("body").asText(),
                null);
    }
}
