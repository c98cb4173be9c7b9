package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitbucket Data Center's REST API 1.0: {@code /projects/{key}/repos/{slug}/pull-requests} (filtered by {@code at}
 * and {@code direction}), comments and {@code /decline}; updates and declines must carry the current
 * {@code version} (409 otherwise), as docs.atlassian.com describes them; bearer HTTP access tokens.
 */
public final class BitbucketDataCenterStandIn extends ForgeStandIn {
    public BitbucketDataCenterStandIn(String token) {
        super(token);
    }

    @Override
    public String api() {
        return origin() + "/rest/api/1.0";
    }

    @Override
    boolean authorized(HttpExchange exchange) {
        // bearer access tokens, or basic authentication with user name and token (HTTP access tokens)
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return ("Bearer " + token).equals(auth)
                || auth != null
                        && auth.startsWith("Basic ")
                        && new String(
                                        java.util.Base64.getDecoder().decode(auth.substring(6)),
                                        java.nio.charset.StandardCharsets.UTF_8)
                                .endsWith(":" + token);
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, JsonNode body) {
        List<String> g = new ArrayList<>();
        if (!matches("/projects/ACME/repos/shop(/.*)", path, g)) {
            return null;
        }
        String rest = g.get(0);
        if (method.equals("GET") && rest.equals("/pull-requests")) {
            String at = query.get("at");
            return Answer.ok(Map.of(
                    "values",
                    open().stream()
                            .filter(pr -> at == null || at.equals("refs/heads/" + pr.head))
                            .map(this::json)
                            .toList(),
                    "isLastPage",
                    true));
        }
        if (method.equals("GET") && matches("/pull-requests/(\\d+)", rest, g)) {
            return Answer.ok(json(byNumber(g.get(0))));
        }
        if (method.equals("POST") && rest.equals("/pull-requests")) {
            return Answer.created(json(create(
                    body.path("fromRef").path("id").asText().substring("refs/heads/".length()),
                    body.path("toRef").path("id").asText().substring("refs/heads/".length()),
                    body.path("title").asText(),
                    body.path("description").asText(),
                    body.path("draft").asBoolean())));
        }
        if (method.equals("PUT") && matches("/pull-requests/(\\d+)", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (body.path("version").asInt(-1) != pr.version) {
                return new Answer(409, Map.of("errors", List.of(Map.of("message", "version mismatch"))));
            }
            pr.version++;
            if (body.has("title")) pr.title = body.get("title").asText();
            if (body.has("description")) pr.body = body.get("description").asText();
            body.path("reviewers")
                    .forEach(r -> pr.reviewers.add(r.path("user").path("name").asText()));
            return Answer.ok(json(pr));
        }
        if (method.equals("POST") && matches("/pull-requests/(\\d+)/comments", rest, g)) {
            byNumber(g.get(0)).comments.add(body.path("text").asText());
            return Answer.created(Map.of("id", 1));
        }
        if (method.equals("POST") && matches("/pull-requests/(\\d+)/decline", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (!String.valueOf(pr.version).equals(query.get("version"))) {
                return new Answer(409, Map.of("errors", List.of(Map.of("message", "version mismatch"))));
            }
            pr.state = "declined";
            pr.version++;
            return Answer.ok(json(pr));
        }
        return null;
    }

    private Map<String, Object> json(Pr pr) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pr.number);
        json.put("version", pr.version);
        json.put("title", pr.title);
        json.put("description", pr.body);
        json.put("state", pr.state.equals("open") ? "OPEN" : "DECLINED");
        json.put("fromRef", Map.of("id", "refs/heads/" + pr.head));
        json.put("toRef", Map.of("id", "refs/heads/" + pr.base));
        json.put(
                "links",
                Map.of(
                        "self",
                        List.of(Map.of("href", origin() + "/projects/ACME/repos/shop/pull-requests/" + pr.number))));
        return json;
    }
}
