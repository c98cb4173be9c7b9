package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitLab's REST API v4 merge requests ({@code /projects/:id/merge_requests}, {@code /notes}, {@code /merge} with
 * {@code merge_when_pipeline_succeeds}) and {@code /users?username=}, as docs.gitlab.com describes them.
 */
public final class GitLabStandIn extends ForgeStandIn {
    public GitLabStandIn(String token) {
        super(token);
    }

    @Override
    public String api() {
        return origin() + "/api/v4";
    }

    @Override
    boolean authorized(HttpExchange exchange) {
        return token.equals(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, JsonNode body) {
        List<String> g = new ArrayList<>();
        if (method.equals("GET") && path.equals("/users")) {
            return Answer.ok(
                    List.of(Map.of("id", 1000 + query.get("username").length(), "username", query.get("username"))));
        }
        if (!matches("/projects/acme/shop(/.*)?", path, g)) {
            return null;
        }
        String rest = g.get(0) == null ? "" : g.get(0);
        if (method.equals("GET") && rest.equals("/merge_requests")) {
            return Answer.ok(open().stream()
                    .filter(pr -> pr.head.equals(query.get("source_branch")))
                    .filter(pr -> pr.base.equals(query.get("target_branch")))
                    .map(this::json)
                    .toList());
        }
        if (method.equals("POST") && rest.equals("/merge_requests")) {
            String head = body.path("source_branch").asText();
            if (open().stream().anyMatch(pr -> pr.head.equals(head))) {
                return new Answer(409, Map.of("message", List.of("Another open merge request already exists")));
            }
            String title = body.path("title").asText();
            return Answer.created(json(create(
                    head,
                    body.path("target_branch").asText(),
                    title,
                    body.path("description").asText(),
                    title.startsWith("Draft: "))));
        }
        if (method.equals("PUT") && matches("/merge_requests/(\\d+)", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (body.has("title")) pr.title = body.get("title").asText();
            if (body.has("description")) pr.body = body.get("description").asText();
            if (body.path("state_event").asText().equals("close")) pr.state = "closed";
            if (body.has("add_labels"))
                pr.labels.addAll(List.of(body.get("add_labels").asText().split(",")));
            if (body.has("reviewer_ids")) pr.reviewers.addAll(texts(body.get("reviewer_ids")));
            return Answer.ok(json(pr));
        }
        if (method.equals("POST") && matches("/merge_requests/(\\d+)/notes", rest, g)) {
            byNumber(g.get(0)).comments.add(body.path("body").asText());
            return Answer.created(Map.of("id", 1));
        }
        if (method.equals("PUT") && matches("/merge_requests/(\\d+)/merge", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (body.path("merge_when_pipeline_succeeds").asBoolean()) {
                pr.autoMerge = body.path("squash").asBoolean() ? "squash" : "merge";
            }
            return Answer.ok(json(pr));
        }
        return null;
    }

    private Map<String, Object> json(Pr pr) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("iid", pr.number);
        json.put("id", 5000 + pr.number);
        json.put("web_url", origin() + "/acme/shop/-/merge_requests/" + pr.number);
        json.put("title", pr.title);
        json.put("description", pr.body);
        json.put("state", pr.state.equals("open") ? "opened" : pr.state);
        json.put("source_branch", pr.head);
        json.put("target_branch", pr.base);
        json.put("labels", pr.labels);
        return json;
    }
}
