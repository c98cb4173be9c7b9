package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Quay: the "Push to Repository" notification posts {@code repository}, {@code docker_url} and
 * {@code updated_tags}; it cannot sign, so the secret travels as the {@code secret} query parameter.
 */
final class QuayPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.same(request.parameter("secret"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        String repository = Payloads.text(body, "repository");
        if (repository.isEmpty()) {
            throw new MalformedPayloadException("no repository in the Quay payload");
        }
        String host = Payloads.host(Payloads.text(body, "docker_url"));
        List<RegistryEvent> events = new ArrayList<>();
        for (JsonNode tag : body.path("updated_tags")) {
            if (tag.isTextual() && !tag.asText().isBlank()) {
                events.add(new RegistryEvent(host.isEmpty() ? "quay.io" : host, repository, tag.asText(), null));
            }
        }
        return events;
    }
}
