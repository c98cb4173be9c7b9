package io.imageupdater.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/** Reading JSON payloads: the body as a tree, text at a path, and host names out of URLs. */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    /** The body as a JSON object; a body that is not one is malformed. */
    static JsonNode object(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new MalformedPayloadException("the body is not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedPayloadException("the body could not be read: " + e.getMessage());
        }
    }

    /** The text at {@code path} under {@code node}, or {@code ""} when absent or not text. */
    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String step : path) {
            at = at.path(step);
        }
        return at.isTextual() ? at.asText().strip() : "";
    }

    /**
     * The host (with port) of a URL or of a reference written without scheme ({@code harbor.example.com/lib/web:1}),
     * or {@code ""}.
     */
    static String host(String urlOrReference) {
        if (urlOrReference == null || urlOrReference.isBlank()) {
            return "";
        }
        String text = urlOrReference.strip();
        if (!text.contains("://")) {
            int slash = text.indexOf('/');
            return slash < 0 ? text : text.substring(0, slash);
        }
        try {
            URI uri = new URI(text);
            return uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
