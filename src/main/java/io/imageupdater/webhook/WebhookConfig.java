package io.imageupdater.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Settings of the webhook server, from flags of {@code run} and {@code webhook}, environment variables (upstream's
 * names: {@code ENABLE_WEBHOOK}, {@code WEBHOOK_PORT}, {@code DOCKER_WEBHOOK_SECRET}, …), the ConfigMap
 * ({@code webhook.*}) and the Secret {@code argocd-image-updater-secret} ({@code webhook.<type>-secret}).
 */
@ConfigMapping(prefix = "image-updater.webhook")
public interface WebhookConfig {

    /** Whether {@code run} serves webhooks too ({@code --enable-webhook}). */
    @WithDefault("false")
    boolean enable();

    /** The port of the webhook server, apart from the HTTP (metrics, health) port; 0 picks a free one. */
    @WithDefault("8082")
    int port();

    /** The address the webhook server listens on. */
    @WithDefault("0.0.0.0")
    String host();

    /** Plain HTTP instead of TLS. */
    @WithDefault("false")
    boolean disableTls();

    /** Where {@code tls.crt} and {@code tls.key} are read from; without them a self-signed certificate is made. */
    @WithDefault("/app/config/tls")
    String tlsDir();

    /** Serve only the types that have a secret, and refuse to start when none has. */
    @WithDefault("true")
    boolean requireSecret();

    /** Webhook requests accepted per hour; 0 means no limit. */
    @WithDefault("0")
    int ratelimitAllowed();

    /** Repositories that may wait for a look-up at once; beyond that, requests are answered 503. */
    @WithDefault("1000")
    int queueSize();

    Optional<String> dockerSecret();

    Optional<String> ghcrSecret();

    Optional<String> quaySecret();

    Optional<String> harborSecret();

    Optional<String> gitlabSecret();

    Optional<String> acrSecret();

    Optional<String> aliyunAcrSecret();

    Optional<String> cloudeventsSecret();

    Optional<String> distributionSecret();

    /** The secret of a type, when one is set. */
    default Optional<String> secret(WebhookType type) {
        Optional<String> secret = switch (type) {
            case DOCKER_HUB -> dockerSecret();
            case GHCR -> ghcrSecret();
            case QUAY -> quaySecret();
            case HARBOR -> harborSecret();
            case GITLAB -> gitlabSecret();
            case ACR -> acrSecret();
            case ALIYUN_ACR -> aliyunAcrSecret();
            case CLOUDEVENTS -> cloudeventsSecret();
            case DISTRIBUTION -> distributionSecret();
        };
        return secret.filter(value -> !value.isEmpty());
    }
}
