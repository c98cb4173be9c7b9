package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * JSON over HTTP to one forge's API for one repository: the authentication header on every request, and every
 * failure turned into a {@link ForgeApiException} that names the provider, repository, request and HTTP status, with
 * the server's message stripped of every secret.
 */
final class ForgeHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final HttpClient client;
    private final String provider;
    private final String repository;
    private final String base;
    private final Map<String, String> headers;
    private final List<String> secrets;
    private final Duration timeout;

    ForgeHttp(
            HttpClient client,
            String provider,
            String repository,
            String base,
            Map<String, String> headers,
            List<String> secrets,
            Duration timeout) {
        this.client = client;
        this.provider = provider;
        this.repository = repository;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.headers = Map.copyOf(headers);
        this.secrets =
                secrets.stream().filter(s -> s != null && s.length() >= 3).toList();
        this.timeout = timeout;
    }

    String provider() {
        return provider;
    }

    String repository() {
        return repository;
    }

    String base() {
        return base;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** A request to {@code base + path} ({@code path} may carry a query); an absolute URL is used as it is. */
    JsonNode send(String method, String path, Object body) {
        String url = path.startsWith("http://") || path.startsWith("https://") ? path : base + path;
        String what = method + " " + redact(url.replaceFirst("\\?.*", ""));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .header("User-Agent", "image-updater");
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new ForgeApiException(
                        provider + " API for " + repository + ": " + what + " returned HTTP " + response.statusCode()
                                + detail(response.body()),
                        response.statusCode());
            }
            String text = response.body();
            return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (IOException e) {
            throw new ForgeApiException(
                    provider + " API for " + repository + ": " + what + " failed: "
                            + redact(String.valueOf(e.getMessage())),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForgeApiException(provider + " API for " + repository + ": " + what + " interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new ForgeApiException(provider + " API for " + repository + ": bad request URL " + redact(url), 0);
        }
    }

    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : List.of("message", "error_description", "error", "errors")) {
                if (node.hasNonNull(field)) {
                    text = node.get(field).isTextual()
                            ? node.get(field).asText()
                            : node.get(field).toString();
                    break;
                }
            }
        } catch (IOException e) {
            // not JSON: the text itself
        }
        text = redact(text.strip().replaceAll("\\s+", " "));
        return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
    }

    String redact(String text) {
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, "***");
        }
        return clean;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
