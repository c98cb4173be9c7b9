package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub's REST API v3 (pulls, issues' comments and labels, requested reviewers), the GraphQL mutation
 * {@code enablePullRequestAutoMerge}, and GitHub App authentication (a JWT for {@code GET /repos/{o}/{r}/installation}
 * and {@code POST /app/installations/{id}/access_tokens}), as docs.github.com describes them.
 */
public final class GitHubStandIn extends ForgeStandIn {
    static final long INSTALLATION = 77;

    private final PublicKey appKey;
    private final String appId;
    final List<String> jwtsSeen = new ArrayList<>();
    int tokensIssued;

    public GitHubStandIn(String token) {
        this(token, null, null);
    }

    /** A stand-in that also authenticates App {@code appId} by its key and issues {@code token} to it. */
    public GitHubStandIn(String token, String appId, PublicKey appKey) {
        super(token);
        this.appId = appId;
        this.appKey = appKey;
    }

    @Override
    public String api() {
        return origin();
    }

    @Override
    boolean authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath();
        if (appKey != null && (path.endsWith("/installation") || path.startsWith("/app/"))) {
            return auth != null && auth.startsWith("Bearer ") && validJwt(auth.substring(7));
        }
        return ("Bearer " + token).equals(auth) || ("token " + token).equals(auth);
    }

    private boolean validJwt(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(appKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            boolean ok = signature.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && header.path("alg").asText().equals("RS256")
                    && claims.path("iss").asText().equals(appId)
                    && claims.path("iat").asLong() <= now
                    && claims.path("exp").asLong() > now
                    && claims.path("exp").asLong() - claims.path("iat").asLong() <= 600;
            if (ok) {
                jwtsSeen.add(jwt);
            }
            return ok;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    Answer handle(String method, String path, Map<String, String> query, JsonNode body) {
        List<String> g = new ArrayList<>();
        if (method.equals("GET") && matches("/repos/([^/]+)/([^/]+)/installation", path, g)) {
            return Answer.ok(Map.of("id", INSTALLATION, "app_id", Long.parseLong(appId)));
        }
        if (method.equals("POST") && path.equals("/app/installations/" + INSTALLATION + "/access_tokens")) {
            tokensIssued++;
            return Answer.created(Map.of(
                    "token",
                    token,
                    "expires_at",
                    Instant.now().plusSeconds(3600).toString()));
        }
        if (method.equals("GET") && matches("/repos/([^/]+)/([^/]+)/pulls", path, g)) {
            String head = query.get("head");
            return Answer.ok(open().stream()
                    .filter(pr -> head == null || (g.get(0) + ":" + pr.head).equals(head))
                    .filter(pr -> query.get("base") == null || pr.base.equals(query.get("base")))
                    .map(this::json)
                    .toList());
        }
        if (method.equals("POST") && matches("/repos/([^/]+)/([^/]+)/pulls", path, g)) {
            String head = body.path("head").asText();
            if (open().stream().anyMatch(pr -> pr.head.equals(head))) {
                return new Answer(422, Map.of("message", "Validation Failed: A pull request already exists"));
            }
            return Answer.created(json(create(
                    head,
                    body.path("base").asText(),
                    body.path("title").asText(),
                    body.path("body").asText(),
                    body.path("draft").asBoolean())));
        }
        if (method.equals("PATCH") && matches("/repos/([^/]+)/([^/]+)/pulls/(\\d+)", path, g)) {
            Pr pr = byNumber(g.get(2));
            if (body.has("title")) pr.title = body.get("title").asText();
            if (body.has("body")) pr.body = body.get("body").asText();
            if (body.has("state")) pr.state = body.get("state").asText();
            return Answer.ok(json(pr));
        }
        if (method.equals("POST") && matches("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments", path, g)) {
            byNumber(g.get(2)).comments.add(body.path("body").asText());
            return Answer.created(Map.of("id", 1));
        }
        if (method.equals("POST") && matches("/repos/([^/]+)/([^/]+)/issues/(\\d+)/labels", path, g)) {
            byNumber(g.get(2)).labels.addAll(texts(body.path("labels")));
            return Answer.ok(List.of());
        }
        if (method.equals("POST") && matches("/repos/([^/]+)/([^/]+)/pulls/(\\d+)/requested_reviewers", path, g)) {
            byNumber(g.get(2)).reviewers.addAll(texts(body.path("reviewers")));
            return Answer.created(Map.of());
        }
        if (method.equals("POST") && path.equals("/graphql")) {
            String query0 = body.path("query").asText();
            String id = body.path("variables").path("id").asText();
            synchronized (pullRequests) {
                for (Pr pr : pullRequests) {
                    if (("PR_" + pr.number).equals(id) && query0.contains("enablePullRequestAutoMerge")) {
                        pr.autoMerge = query0.contains("mergeMethod: ")
                                ? query0.replaceAll("(?s).*mergeMethod: (\\w+).*", "$1")
                                : "DEFAULT";
                        return Answer.ok(Map.of("data", Map.of("enablePullRequestAutoMerge", Map.of())));
                    }
                }
            }
            return Answer.ok(Map.of("errors", List.of(Map.of("message", "Could not resolve to a node"))));
        }
        return null;
    }

    private Map<String, Object> json(Pr pr) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", pr.number);
        json.put("node_id", "PR_" + pr.number);
        json.put("html_url", origin() + "/acme/shop/pull/" + pr.number);
        json.put("title", pr.title);
        json.put("body", pr.body);
        json.put("state", pr.state);
        json.put("draft", pr.draft);
        json.put("head", Map.of("ref", pr.head));
        json.put("base", Map.of("ref", pr.base));
        return json;
    }
}
