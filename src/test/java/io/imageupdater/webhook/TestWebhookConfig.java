package io.imageupdater.webhook;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** {@link WebhookConfig} for tests: loopback, a free port, plain HTTP unless told, the secrets given. */
record TestWebhookConfig(
        boolean disableTls,
        String tlsDir,
        boolean requireSecret,
        int ratelimitAllowed,
        int queueSize,
        Map<WebhookType, String> secrets)
        implements WebhookConfig {

    /** Every type with the same secret, plain HTTP, no rate limit, a queue of 1000. */
    static TestWebhookConfig allTypes(String secret) {
        Map<WebhookType, String> secrets = new EnumMap<>(WebhookType.class);
        for (WebhookType type : WebhookType.values()) {
            secrets.put(type, secret);
        }
        return new TestWebhookConfig(true, "/nonexistent", true, 0, 1000, secrets);
    }

    TestWebhookConfig withRateLimit(int perHour) {
        return new TestWebhookConfig(disableTls, tlsDir, requireSecret, perHour, queueSize, secrets);
    }

    TestWebhookConfig withQueueSize(int size) {
        return new TestWebhookConfig(disableTls, tlsDir, requireSecret, ratelimitAllowed, size, secrets);
    }

    TestWebhookConfig withTls(String dir) {
        return new TestWebhookConfig(false, dir, requireSecret, ratelimitAllowed, queueSize, secrets);
    }

    TestWebhookConfig withSecrets(Map<WebhookType, String> others, boolean required) {
        return new TestWebhookConfig(disableTls, tlsDir, required, ratelimitAllowed, queueSize, others);
    }

    @Override
    public boolean enable() {
        return true;
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    private Optional<String> of(WebhookType type) {
        return Optional.ofNullable(secrets.get(type));
    }

    @Override
    public Optional<String> dockerSecret() {
        return of(WebhookType.DOCKER_HUB);
    }

    @Override
    public Optional<String> ghcrSecret() {
        return of(WebhookType.GHCR);
    }

    @Override
    public Optional<String> quaySecret() {
        return of(WebhookType.QUAY);
    }

    @Override
    public Optional<String> harborSecret() {
        return of(WebhookType.HARBOR);
    }

    @Override
    public Optional<String> gitlabSecret() {
        return of(WebhookType.GITLAB);
    }

    @Override
    public Optional<String> acrSecret() {
        return of(WebhookType.ACR);
    }

    @Override
    public Optional<String> aliyunAcrSecret() {
        return of(WebhookType.ALIYUN_ACR);
    }

    @Override
    public Optional<String> cloudeventsSecret() {
        return of(WebhookType.CLOUDEVENTS);
    }

    @Override
    public Optional<String> distributionSecret() {
        return of(WebhookType.DISTRIBUTION);
    }
}
