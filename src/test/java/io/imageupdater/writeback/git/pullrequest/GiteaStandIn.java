package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gitea's (and Forgejo's) API v1: {@code /repos/{owner}/{repo}/pulls}, {@code /labels}, issue labels and comments,
 * requested reviewers, and {@code /pulls/{index}/merge} with {@code merge_when_checks_succeed}, as Gitea's swagger
 * describes them. The repository defines the labels {@code dependencies} (1) and {@code images} (2).
 */
public final class GiteaStandIn extends ForgeStandIn {
    private static final Map<String, Integer> LABELS = Map.of("dependencies", 1, "images", 2);

    public GiteaStandIn(String token) {
        super(token);
    }

    @Override
    public String api() {
        return origin() + "/api/v1";
    }

    @Override
    boolean authorized(HttpExchange exchange) {
        return ("token " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, JsonNode body) {
        List<String> g = new ArrayList<>();
        if (!matches("/repos/acme/shop(/.*)", path, g)) {
            return null;
        }
        String rest = g.get(0);
        if (method.equals("GET") && rest.equals("/labels")) {
            return Answer.ok(LABELS.entrySet().stream()
                    .map(e -> Map.of("id", e.getValue(), "name", e.getKey()))
                    .toList());
        }
        if (method.equals("GET") && rest.equals("/pulls")) {
            return Answer.ok(open().stream().map(this::json).toList());
        }
        if (method.equals("POST") && rest.equals("/pulls")) {
            String head = body.path("head").asText();
            if (open().stream().anyMatch(pr -> pr.head.equals(head))) {
                return new Answer(409, Map.of("message", "pull request already exists for these targets"));
            }
            String title = body.path("title").asText();
            return Answer.created(json(create(
                    head, body.path("base").asText(), title, body.path("body").asText(), title.startsWith("WIP: "))));
        }
        if (method.equals("PATCH") && matches("/pulls/(\\d+)", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (body.has("title")) pr.title = body.get("title").asText();
            if (body.has("body")) pr.body = body.get("body").asText();
            if (body.has("state")) pr.state = body.get("state").asText();
            return Answer.created(json(pr));
        }
        if (method.equals("POST") && matches("/issues/(\\d+)/comments", rest, g)) {
            byNumber(g.get(0)).comments.add(body.path("body").asText());
            return Answer.created(Map.of("id", 1));
        }
        if (method.equals("POST") && matches("/issues/(\\d+)/labels", rest, g)) {
            Pr pr = byNumber(g.get(0));
            body.path("labels")
                    .forEach(id -> LABELS.forEach((name, value) -> {
                        if (value == id.asInt()) pr.labels.add(name);
                    }));
            return Answer.ok(List.of());
        }
        if (method.equals("POST") && matches("/pulls/(\\d+)/requested_reviewers", rest, g)) {
            byNumber(g.get(0)).reviewers.addAll(texts(body.path("reviewers")));
            return Answer.created(List.of());
        }
        if (method.equals("POST") && matches("/pulls/(\\d+)/merge", rest, g)) {
            if (body.path("merge_when_checks_succeed").asBoolean()) {
                byNumber(g.get(0)).autoMerge = body.path("Do").asText();
            }
            return Answer.ok(null);
        }
        return null;
    }

    private Map<String, Object> json(Pr pr) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", pr.number);
        json.put("html_url", origin() + "/acme/shop/pulls/" + pr.number);
        json.put("title", pr.title);
        json.put("body", pr.body);
        json.put("state", pr.state);
        json.put("head", Map.of("ref", pr.head));
        json.put("base", Map.of("ref", pr.base));
        return json;
    }
}
