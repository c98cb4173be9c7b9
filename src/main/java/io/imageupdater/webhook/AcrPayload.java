package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Azure Container Registry: {@code push} events with {@code target.repository}, {@code target.tag} and
 * {@code request.host}; the secret is a custom {@code Authorization} header of the webhook (or, as Argo CD Image
 * Updater reads it, the {@code secret} query parameter).
 */
final class AcrPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.authorization(request.header("Authorization"), secret)
                | Secrets.same(request.parameter("secret"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        if (!"push".equals(Payloads.text(body, "action"))) {
            return List.of(); // ping, delete, chart_push, quarantine
        }
        String tag = Payloads.text(body, "target", "tag");
        if (tag.isEmpty()) {
            return List.of();
        }
        return List.of(new RegistryEvent(
                Payloads.text(body, "request", "host"),
                Payloads.text(body, "target", "repository"),
                tag,
                Payloads.text(body, "target", "digest")));
    }
}
