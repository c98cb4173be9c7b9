package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifications the CNCF distribution registry sends itself ({@code notifications.endpoints} in its
 * configuration; also what Harbor, GitLab and Zot send underneath): an envelope
 * ({@code application/vnd.docker.distribution.events.v1+json}) of events, of which {@code push} events of a manifest
 * with a tag count. Authenticated by the {@code Authorization} header the endpoint's {@code headers} configure.
 */
class DistributionPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.authorization(request.header("Authorization"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        JsonNode events = body.path("events");
        if (!events.isArray()) {
            throw new MalformedPayloadException("no events array in the notification envelope");
        }
        List<RegistryEvent> pushes = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode target = event.path("target");
            String tag = Payloads.text(target, "tag");
            if (!"push".equals(Payloads.text(event, "action")) || tag.isEmpty()) {
                continue; // pulls, deletes, blob uploads, pushes by digest
            }
            String host = Payloads.text(event, "request", "host");
            if (host.isEmpty()) {
                host = Payloads.host(Payloads.text(target, "url"));
            }
            pushes.add(
                    new RegistryEvent(host, Payloads.text(target, "repository"), tag, Payloads.text(target, "digest")));
        }
        return pushes;
    }
}
