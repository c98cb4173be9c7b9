package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Docker Hub: a repository webhook posts {@code push_data.tag} and {@code repository.repo_name}; it cannot sign, so
 * the secret travels as the {@code secret} query parameter.
 */
final class DockerHubPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.same(request.parameter("secret"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        String repository = Payloads.text(body, "repository", "repo_name");
        if (repository.isEmpty()) {
            String namespace = Payloads.text(body, "repository", "namespace");
            String name = Payloads.text(body, "repository", "name");
            repository = namespace.isEmpty() ? name : namespace + "/" + name;
        }
        if (repository.isEmpty()) {
            throw new MalformedPayloadException("no repository.repo_name in the Docker Hub payload");
        }
        String tag = Payloads.text(body, "push_data", "tag");
        return tag.isEmpty() ? List.of() : List.of(new RegistryEvent("docker.io", repository, tag, null));
    }
}
