package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Azure DevOps Services' Git pull request API 7.1: {@code /{org}/{project}/_apis/git/repositories/{repo}/pullrequests}
 * (with {@code searchCriteria}), threads, labels, reviewers, and {@code autoCompleteSetBy} on update, as
 * learn.microsoft.com describes them; a personal access token by basic authentication with an empty user.
 */
public final class AzureDevOpsStandIn extends ForgeStandIn {
    public AzureDevOpsStandIn(String token) {
        super(token);
    }

    @Override
    public String api() {
        return origin() + "/org/project/_apis";
    }

    @Override
    boolean authorized(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((":" + token).getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && exchange.getRequestURI().getQuery() != null
                && exchange.getRequestURI().getQuery().contains("api-version=7.1");
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, JsonNode body) {
        List<String> g = new ArrayList<>();
        if (!matches("/git/repositories/shop(/.*)", path, g)) {
            return null;
        }
        String rest = g.get(0).replace("/pullRequests", "/pullrequests");
        if (method.equals("GET") && rest.equals("/pullrequests")) {
            return Answer.ok(Map.of(
                    "value",
                    open().stream()
                            .filter(pr -> ("refs/heads/" + pr.head).equals(query.get("searchCriteria.sourceRefName")))
                            .filter(pr -> ("refs/heads/" + pr.base).equals(query.get("searchCriteria.targetRefName")))
                            .map(this::json)
                            .toList()));
        }
        if (method.equals("POST") && rest.equals("/pullrequests")) {
            String head = body.path("sourceRefName").asText().substring("refs/heads/".length());
            if (open().stream().anyMatch(pr -> pr.head.equals(head))) {
                return new Answer(409, Map.of("message", "TF401179: An active pull request already exists"));
            }
            return Answer.created(json(create(
                    head,
                    body.path("targetRefName").asText().substring("refs/heads/".length()),
                    body.path("title").asText(),
                    body.path("description").asText(),
                    body.path("isDraft").asBoolean())));
        }
        if (method.equals("PATCH") && matches("/pullrequests/(\\d+)", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (body.has("title")) pr.title = body.get("title").asText();
            if (body.has("description")) pr.body = body.get("description").asText();
            if (body.path("status").asText().equals("abandoned")) pr.state = "abandoned";
            if (body.has("autoCompleteSetBy")) {
                if (!body.path("autoCompleteSetBy").path("id").asText().equals(pr.author)) {
                    return new Answer(400, Map.of("message", "autoCompleteSetBy must be a valid identity"));
                }
                pr.autoMerge =
                        body.path("completionOptions").path("mergeStrategy").asText();
            }
            return Answer.ok(json(pr));
        }
        if (method.equals("POST") && matches("/pullrequests/(\\d+)/threads", rest, g)) {
            byNumber(g.get(0))
                    .comments
                    .add(body.path("comments").path(0).path("content").asText());
            return Answer.ok(Map.of("id", 1));
        }
        if (method.equals("POST") && matches("/pullrequests/(\\d+)/labels", rest, g)) {
            byNumber(g.get(0)).labels.add(body.path("name").asText());
            return Answer.ok(Map.of("name", body.path("name").asText()));
        }
        if (method.equals("PUT") && matches("/pullrequests/(\\d+)/reviewers/([^/]+)", rest, g)) {
            byNumber(g.get(0)).reviewers.add(g.get(1));
            return Answer.ok(Map.of("id", g.get(1), "vote", 0));
        }
        return null;
    }

    private Map<String, Object> json(Pr pr) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pullRequestId", pr.number);
        json.put("title", pr.title);
        json.put("description", pr.body);
        json.put("status", pr.state.equals("open") ? "active" : pr.state);
        json.put("isDraft", pr.draft);
        json.put("sourceRefName", "refs/heads/" + pr.head);
        json.put("targetRefName", "refs/heads/" + pr.base);
        json.put("createdBy", Map.of("id", pr.author));
        json.put("repository", Map.of("webUrl", origin() + "/org/project/_git/shop"));
        return json;
    }
}
