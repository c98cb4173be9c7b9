package io.imageupdater.cli;

import picocli.CommandLine.Option;

/**
 * The webhook server's flags, shared by {@code run --enable-webhook} and {@code webhook}. Like every flag in
 * {@link ConfigFlags}, their values reach the code as configuration ({@code webhook.WebhookConfig}).
 */
class WebhookOptions {

    @Option(
            names = "--webhook-port",
            paramLabel = "PORT",
            description =
                    "Port of the webhook server, apart from the metrics/health port (default 8082; WEBHOOK_PORT).")
    Integer webhookPort;

    @Option(names = "--disable-tls", description = "Serve webhooks over plain HTTP instead of TLS (DISABLE_TLS).")
    boolean disableTls;

    @Option(
            names = {"--webhook-require-secret", "--webhook-require-secrets"},
            arity = "0..1",
            paramLabel = "true|false",
            fallbackValue = "true",
            description = "Serve only types with a secret and refuse to start without any (default true; "
                    + "WEBHOOK_REQUIRE_SECRET).")
    String webhookRequireSecret;

    @Option(
            names = "--webhook-ratelimit-allowed",
            paramLabel = "N",
            description = "Webhook requests accepted per hour, 0 for no limit (default 0; WEBHOOK_RATELIMIT_ALLOWED).")
    Integer webhookRatelimitAllowed;

    @Option(
            names = "--webhook-queue-size",
            paramLabel = "N",
            description = "Repositories that may wait for a look-up; beyond that webhooks get 503 (default 1000; "
                    + "WEBHOOK_QUEUE_SIZE).")
    Integer webhookQueueSize;

    @Option(
            names = "--docker-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type docker.io " + "(DOCKER_WEBHOOK_SECRET).")
    String dockerSecret;

    @Option(
            names = "--ghcr-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type ghcr.io " + "(GHCR_WEBHOOK_SECRET).")
    String ghcrSecret;

    @Option(
            names = "--quay-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type quay.io " + "(QUAY_WEBHOOK_SECRET).")
    String quaySecret;

    @Option(
            names = "--harbor-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type harbor " + "(HARBOR_WEBHOOK_SECRET).")
    String harborSecret;

    @Option(
            names = "--gitlab-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type gitlab " + "(GITLAB_WEBHOOK_SECRET).")
    String gitlabSecret;

    @Option(
            names = "--acr-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type acr " + "(ACR_WEBHOOK_SECRET).")
    String acrSecret;

    @Option(
            names = "--aliyun-acr-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type aliyun-acr " + "(ALIYUN_ACR_WEBHOOK_SECRET).")
    String aliyunAcrSecret;

    @Option(
            names = "--cloudevents-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type " + "cloudevents (CLOUDEVENTS_WEBHOOK_SECRET).")
    String cloudeventsSecret;

    @Option(
            names = "--distribution-webhook-secret",
            paramLabel = "SECRET",
            description = "Secret of type "
                    + "distribution: the Authorization header of the registry's notification endpoint "
                    + "(DISTRIBUTION_WEBHOOK_SECRET).")
    String distributionSecret;
}
