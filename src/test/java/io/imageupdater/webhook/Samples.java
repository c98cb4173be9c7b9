package io.imageupdater.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each type's documented sample payload ({@code src/test/resources/webhook/<type>.json}, written from that registry's
 * documentation with our repository, tag and registry filled in) and the way that registry sends its secret.
 */
final class Samples {
    static final String DIGEST = "sha256:d5b1c3bf2c8a5c4b9c5d9f7b2f1e3a6c7d8e9f0a1b2c3d4e5f60718293a4b5c6";

    private Samples() {}

    /** The registry host the sample names (or that its type derives), for payloads that carry one. */
    static String registry(WebhookType type) {
        return switch (type) {
            case DOCKER_HUB -> "docker.io";
            case GHCR -> "ghcr.io";
            case QUAY -> "quay.io";
            case HARBOR -> "harbor.example.com";
            case GITLAB -> "registry.gitlab.example.com";
            case ACR -> "myregistry.azurecr.io";
            case ALIYUN_ACR -> "registry.cn-hangzhou.aliyuncs.com";
            case CLOUDEVENTS -> "123456789012.dkr.ecr.us-east-1.amazonaws.com";
            case DISTRIBUTION -> "registry.example.com:5000";
        };
    }

    /** The sample body for a push of {@code registry/repository:tag}. */
    static byte[] body(WebhookType type, String registry, String repository, String tag) {
        String template;
        try (InputStream in = Samples.class.getResourceAsStream("/webhook/" + type.value() + ".json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int slash = repository.lastIndexOf('/');
        return template.replace("${registry}", registry)
                .replace("${repository}", repository)
                .replace("${namespace}", slash < 0 ? "library" : repository.substring(0, slash))
                .replace("${name}", repository.substring(slash + 1))
                .replace("${tag}", tag)
                .replace("${digest}", DIGEST)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The query parameters the registry's webhook URL carries (always {@code type}; the secret where it goes there). */
    static Map<String, String> query(WebhookType type, String secret) {
        Map<String, String> query = new HashMap<>(Map.of("type", type.value()));
        if (secret != null
                && (type == WebhookType.DOCKER_HUB || type == WebhookType.QUAY || type == WebhookType.ALIYUN_ACR)) {
            query.put("secret", secret);
        }
        return query;
    }

    /** The headers the registry sends, its secret or signature among them. */
    static Map<String, String> headers(WebhookType type, String secret, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        headers.put(
                "Content-Type",
                type == WebhookType.DISTRIBUTION || type == WebhookType.GITLAB
                        ? "application/vnd.docker.distribution.events.v1+json"
                        : "application/json");
        if (type == WebhookType.GHCR) {
            headers.put("X-GitHub-Event", "package");
        }
        if (secret == null) {
            return headers;
        }
        switch (type) {
            case GHCR -> headers.put("X-Hub-Signature-256", "sha256=" + hmac(secret, body));
            case HARBOR, ACR -> headers.put("Authorization", secret);
            case DISTRIBUTION -> headers.put("Authorization", "Bearer " + secret);
            case GITLAB -> headers.put("X-Gitlab-Token", secret);
            case CLOUDEVENTS -> headers.put("X-Webhook-Secret", secret);
            default -> {}
        }
        return headers;
    }

    static WebhookRequest request(WebhookType type, String secret, String registry, String repository, String tag) {
        byte[] body = body(type, registry, repository, tag);
        return new WebhookRequest(query(type, secret), headers(type, secret, body), body);
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
