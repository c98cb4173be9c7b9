package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * CloudEvents 1.0 in structured mode, as an Amazon EventBridge input transformer makes them from ECR pushes
 * ({@code type} {@code com.amazon.ecr.image.push}, {@code source} {@code urn:aws:ecr:<region>:<account>:repository/…},
 * {@code data.repositoryName}, {@code data.imageTag}, {@code data.imageDigest}, {@code data.registryId}), and other
 * container events with {@code data.repository}, {@code data.tag} and {@code data.registry}. EventBridge's own
 * "ECR Image Action" event, sent untransformed, is read too. Secret: {@code X-Webhook-Secret} header or
 * {@code secret} query parameter.
 */
final class CloudEventsPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.same(request.header("X-Webhook-Secret"), secret)
                | Secrets.same(request.parameter("secret"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        if (!Payloads.text(body, "detail-type").isEmpty()) {
            return eventBridge(body);
        }
        String type = Payloads.text(body, "type");
        if (Payloads.text(body, "specversion").isEmpty() || type.isEmpty()) {
            throw new MalformedPayloadException("not a CloudEvent: no specversion or type");
        }
        JsonNode data = body.path("data");
        String repository = first(Payloads.text(data, "repositoryName"), Payloads.text(data, "repository"));
        String tag = first(Payloads.text(data, "imageTag"), Payloads.text(data, "tag"));
        String subject = Payloads.text(body, "subject");
        int colon = subject.indexOf(':');
        if (colon > 0) {
            repository = first(repository, subject.substring(0, colon));
            tag = first(tag, subject.substring(colon + 1));
        }
        String digest = first(Payloads.text(data, "imageDigest"), Payloads.text(data, "digest"));
        String registry;
        if (type.startsWith("com.amazon.ecr.")) {
            registry = ecrRegistry(Payloads.text(body, "source"), Payloads.text(data, "registryId"));
        } else if (type.contains("container") || type.contains("image")) {
            registry = first(
                    Payloads.text(data, "registryUrl"),
                    Payloads.text(data, "registry"),
                    Payloads.host(Payloads.text(body, "source")));
        } else {
            return List.of(); // not about images
        }
        if (tag.isEmpty()) {
            return List.of();
        }
        return List.of(new RegistryEvent(registry, repository, tag, digest));
    }

    /** EventBridge's "ECR Image Action" event: a successful PUSH with an image tag. */
    private static List<RegistryEvent> eventBridge(JsonNode body) {
        JsonNode detail = body.path("detail");
        String tag = Payloads.text(detail, "image-tag");
        if (!"ECR Image Action".equals(Payloads.text(body, "detail-type"))
                || !"PUSH".equals(Payloads.text(detail, "action-type"))
                || !"SUCCESS".equals(Payloads.text(detail, "result"))
                || tag.isEmpty()) {
            return List.of();
        }
        String registry =
                Payloads.text(body, "account") + ".dkr.ecr." + Payloads.text(body, "region") + ".amazonaws.com";
        return List.of(new RegistryEvent(
                registry, Payloads.text(detail, "repository-name"), tag, Payloads.text(detail, "image-digest")));
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com} from an ECR URN or ARN; the registry ID wins over the account. */
    private static String ecrRegistry(String source, String registryId) {
        String[] parts = source.split(":");
        if (parts.length < 5 || !(source.startsWith("urn:aws:ecr:") || source.startsWith("arn:aws:ecr:"))) {
            throw new MalformedPayloadException("an ECR CloudEvent's source must be urn:aws:ecr:<region>:<account>:…");
        }
        String account = registryId.isEmpty() ? parts[4] : registryId;
        return account + ".dkr.ecr." + parts[3] + ".amazonaws.com";
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
