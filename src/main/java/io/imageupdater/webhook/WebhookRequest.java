package io.imageupdater.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One webhook request as received: its query parameters (first value of each), headers (names in lower case) and
 * raw body. Its {@code toString()} names no parameter value and no header, so it cannot leak a secret.
 */
public record WebhookRequest(Map<String, String> query, Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        query = Map.copyOf(query);
        headers = headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A query parameter, or {@code null}. */
    public String parameter(String name) {
        return query.get(name);
    }

    /** A header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "WebhookRequest[parameters=" + query.keySet() + ", body=" + body.length + " bytes]";
    }
}
