package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitbucket Cloud's REST API 2.0: {@code /repositories/{workspace}/{repo}/pullrequests} (with the {@code q} filter
 * on {@code source.branch.name}), comments and {@code /decline}, as developer.atlassian.com describes them; bearer
 * access tokens.
 */
public final class BitbucketCloudStandIn extends ForgeStandIn {
    public BitbucketCloudStandIn(String token) {
        super(token);
    }

    @Override
    public String api() {
        return origin() + "/2.0";
    }

    @Override
    boolean authorized(HttpExchange exchange) {
        // bearer access tokens, or basic authentication with user name and token (app passwords)
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
        if (!matches("/repositories/acme/shop(/.*)", path, g)) {
            return null;
        }
        String rest = g.get(0);
        if (method.equals("GET") && rest.equals("/pullrequests")) {
            String q = query.getOrDefault("q", "");
            return Answer.ok(Map.of(
                    "values",
                    open().stream()
                            .filter(pr -> q.contains("source.branch.name=\"" + pr.head + "\""))
                            .filter(pr -> q.contains("destination.branch.name=\"" + pr.base + "\""))
                            .map(this::json)
                            .toList()));
        }
        if (method.equals("POST") && rest.equals("/pullrequests")) {
            return Answer.created(json(create(
                    body.path("source").path("branch").path("name").asText(),
                    body.path("destination").path("branch").path("name").asText(),
                    body.path("title").asText(),
                    body.path("description").asText(),
                    body.path("draft").asBoolean())));
        }
        if (method.equals("PUT") && matches("/pullrequests/(\\d+)", rest, g)) {
            Pr pr = byNumber(g.get(0));
            if (body.has("title")) pr.title = body.get("title").asText();
            if (body.has("description")) pr.body = body.get("description").asText();
            body.path("reviewers")
                    .forEach(r -> pr.reviewers.add(r.path("account_id").asText()));
            return Answer.ok(json(pr));
        }
        if (method.equals("POST") && matches("/pullrequests/(\\d+)/comments", rest, g)) {
            byNumber(g.get(0)).comments.add(body.path("content").path("raw").asText());
            return Answer.created(Map.of("id", 1));
        }
        if (method.equals("POST") && matches("/pullrequests/(\\d+)/decline", rest, g)) {
            Pr pr = byNumber(g.get(0));
            pr.state = "declined";
            return Answer.ok(json(pr));
        }
        return null;
    }

    private Map<String, Object> json(Pr pr) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pr.number);
        json.put("title", pr.title);
        json.put("description", pr.body);
        json.put("state", pr.state.equals("open") ? "OPEN" : "DECLINED");
        json.put("source", Map.of("branch", Map.of("name", pr.head)));
        json.put("destination", Map.of("branch", Map.of("name", pr.base)));
        json.put("links", Map.of("html", Map.of("href", origin() + "/acme/shop/pull-requests/" + pr.number)));
        return json;
    }
}
