package io.imageupdater.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The webhook types: the {@code type} value a registry's webhook URL carries, and how its requests read. */
public enum WebhookType {
    DOCKER_HUB("docker.io", "docker", new DockerHubPayload()),
    GHCR("ghcr.io", "ghcr", new GhcrPayload()),
    QUAY("quay.io", "quay", new QuayPayload()),
    HARBOR("harbor", "harbor", new HarborPayload()),
    GITLAB("gitlab", "gitlab", new GitLabPayload()),
    ACR("acr", "acr", new AcrPayload()),
    ALIYUN_ACR("aliyun-acr", "aliyun-acr", new AliyunAcrPayload()),
    CLOUDEVENTS("cloudevents", "cloudevents", new CloudEventsPayload()),
    DISTRIBUTION("distribution", "distribution", new DistributionPayload());

    private final String value;
    private final String secretName;
    private final PayloadFormat format;

    WebhookType(String value, String secretName, PayloadFormat format) {
        this.value = value;
        this.secretName = secretName;
        this.format = format;
    }

    /** The {@code type=} value. */
    public String value() {
        return value;
    }

    /** The flag that sets its secret: {@code --docker-webhook-secret}, … */
    public String secretFlag() {
        return "--" + secretName + "-webhook-secret";
    }

    /** The environment variable that sets its secret: {@code DOCKER_WEBHOOK_SECRET}, … */
    public String secretVariable() {
        return secretName.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_WEBHOOK_SECRET";
    }

    /** Its key in the Secret {@code argocd-image-updater-secret}: {@code webhook.docker-secret}, … */
    public String secretKey() {
        return "webhook." + secretName + "-secret";
    }

    PayloadFormat format() {
        return format;
    }

    public static Optional<WebhookType> of(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
