package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Alibaba Cloud Container Registry: {@code push_data.tag} and {@code repository.repo_full_name}; the registry is
 * {@code registry.<region>.aliyuncs.com} unless the {@code registry_url} query parameter names another (Enterprise
 * Edition instances, VPC endpoints). The secret travels as the {@code secret} query parameter.
 */
final class AliyunAcrPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.same(request.parameter("secret"), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        String repository = Payloads.text(body, "repository", "repo_full_name");
        if (repository.isEmpty()) {
            String namespace = Payloads.text(body, "repository", "namespace");
            String name = Payloads.text(body, "repository", "name");
            repository = namespace.isEmpty() ? name : namespace + "/" + name;
        }
        String tag = Payloads.text(body, "push_data", "tag");
        if (tag.isEmpty()) {
            return List.of();
        }
        String region = Payloads.text(body, "repository", "region");
        String registry = region.isEmpty() ? "" : "registry." + region + ".aliyuncs.com";
        if (registry.isEmpty()
                && Payloads.host(request.parameter("registry_url")).isEmpty()) {
            throw new MalformedPayloadException("the Alibaba Cloud payload names no region; give registry_url");
        }
        return List.of(new RegistryEvent(
                registry.isEmpty() ? "unknown" : registry,
                repository,
                tag,
                Payloads.text(body, "push_data", "digest")));
    }
}
