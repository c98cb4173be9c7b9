package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Harbor: {@code PUSH_ARTIFACT} events with {@code event_data.resources[].tag} and {@code resource_url}; the
 * webhook's "Auth Header" arrives as the {@code Authorization} header.
 */
final class HarborPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.authorization(request.header("Authorization"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        if (!"PUSH_ARTIFACT".equals(Payloads.text(body, "type"))) {
            return List.of();
        }
        JsonNode data = body.path("event_data");
        String repository = Payloads.text(data, "repository", "repo_full_name");
        if (repository.isEmpty()) {
            String namespace = Payloads.text(data, "repository", "namespace");
            String name = Payloads.text(data, "repository", "name");
            repository = namespace.isEmpty() ? name : namespace + "/" + name;
        }
        if (repository.isEmpty()) {
            throw new MalformedPayloadException("no event_data.repository in the Harbor payload");
        }
        List<RegistryEvent> events = new ArrayList<>();
        for (JsonNode resource : data.path("resources")) {
            String tag = Payloads.text(resource, "tag");
            String host = Payloads.host(Payloads.text(resource, "resource_url"));
            if (!tag.isEmpty()) {
                if (host.isEmpty()) {
                    throw new MalformedPayloadException("a Harbor resource without resource_url");
                }
                events.add(new RegistryEvent(host, repository, tag, Payloads.text(resource, "digest")));
            }
        }
        return events;
    }
}
