package io.imageupdater.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * GitHub Packages: {@code package} and {@code registry_package} events ({@code X-GitHub-Event}), action
 * {@code published}, for container packages; signed with {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body).
 */
final class GhcrPayload implements PayloadFormat {

    @Override
    public boolean authentic(WebhookRequest request, String secret) {
        return Secrets.hmacSha256(request.header("X-Hub-Signature-256"), request.body(), secret);
    }

    @Override
    public List<RegistryEvent> events(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        String event = request.header("X-GitHub-Event");
        if (event != null && !event.equals("package") && !event.equals("registry_package")) {
            return List.of(); // ping and every other event
        }
        JsonNode pkg = body.has("registry_package") ? body.path("registry_package") : body.path("package");
        if (pkg.isMissingNode() || !pkg.isObject()) {
            throw new MalformedPayloadException("no package or registry_package in the GitHub payload");
        }
        if (!"published".equals(Payloads.text(body, "action"))
                || !"container".equals(Payloads.text(pkg, "package_type").toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        String owner = Payloads.text(pkg, "owner", "login");
        if (owner.isEmpty()) {
            owner = Payloads.text(pkg, "namespace");
        }
        String name = Payloads.text(pkg, "name");
        if (owner.isEmpty() || name.isEmpty()) {
            throw new MalformedPayloadException("the GitHub payload names no package owner or name");
        }
        JsonNode version = pkg.path("package_version");
        String tag = Payloads.text(version, "container_metadata", "tag", "name");
        if (tag.isEmpty()) {
            return List.of(); // an untagged version
        }
        String host = Payloads.host(Payloads.text(version, "package_url"));
        String digest = Payloads.text(version, "container_metadata", "tag", "digest");
        return List.of(new RegistryEvent(
                host.isEmpty() ? "ghcr.io" : host,
                owner + "/" + name,
                tag,
                digest.isEmpty() ? Payloads.text(version, "version") : digest));
    }
}
