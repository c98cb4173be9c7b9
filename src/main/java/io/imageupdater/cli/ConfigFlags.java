package io.imageupdater.cli;

import java.util.Map;

/** Flags that are also settings: each sets the configuration property it names. */
final class ConfigFlags {
    static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("--interval", "image-updater.interval"),
            Map.entry("--cycle-timeout", "image-updater.cycle-timeout"),
            Map.entry("--dry-run", "image-updater.dry-run"),
            Map.entry("--kubeconfig", "image-updater.kubeconfig"),
            Map.entry("--registries-conf-path", "image-updater.registries-conf-path"),
            Map.entry("--argocd-namespace", "image-updater.argocd-namespace"),
            Map.entry("--watch-namespaces", "image-updater.watch-namespaces"),
            Map.entry("--max-concurrent-apps", "image-updater.max-concurrent-apps"),
            Map.entry("--match-application-name", "image-updater.match-application-name"),
            Map.entry("--match-application-label", "image-updater.match-application-label"),
            Map.entry("--loglevel", "image-updater.loglevel"),
            Map.entry("--logformat", "image-updater.logformat"),
            Map.entry("--leader-election", "image-updater.leader-election.enabled"),
            Map.entry("--git-commit-user", "image-updater.git.commit-user"),
            Map.entry("--git-commit-email", "image-updater.git.commit-email"),
            Map.entry("--git-commit-message-path", "image-updater.git.commit-message-path"),
            Map.entry("--git-commit-sign-off", "image-updater.git.commit-sign-off"),
            Map.entry("--git-commit-signing-method", "image-updater.git.commit-signing-method"),
            Map.entry("--git-commit-signing-key", "image-updater.git.commit-signing-key"),
            Map.entry("--ssh-known-hosts-path", "image-updater.git.known-hosts-path"),
            Map.entry("--git-push-attempts", "image-updater.git.push-attempts"),
            Map.entry("--git-timeout", "image-updater.git.timeout"),
            Map.entry("--annotations", "image-updater.annotations"),
            Map.entry("--application-credential-sources", "image-updater.application-credential-sources"),
            Map.entry("--enable-webhook", "image-updater.webhook.enable"),
            Map.entry("--webhook-port", "image-updater.webhook.port"),
            Map.entry("--disable-tls", "image-updater.webhook.disable-tls"),
            Map.entry("--webhook-require-secret", "image-updater.webhook.require-secret"),
            Map.entry("--webhook-require-secrets", "image-updater.webhook.require-secret"),
            Map.entry("--webhook-ratelimit-allowed", "image-updater.webhook.ratelimit-allowed"),
            Map.entry("--webhook-queue-size", "image-updater.webhook.queue-size"),
            Map.entry("--docker-webhook-secret", "image-updater.webhook.docker-secret"),
            Map.entry("--ghcr-webhook-secret", "image-updater.webhook.ghcr-secret"),
            Map.entry("--quay-webhook-secret", "image-updater.webhook.quay-secret"),
            Map.entry("--harbor-webhook-secret", "image-updater.webhook.harbor-secret"),
            Map.entry("--gitlab-webhook-secret", "image-updater.webhook.gitlab-secret"),
            Map.entry("--acr-webhook-secret", "image-updater.webhook.acr-secret"),
            Map.entry("--aliyun-acr-webhook-secret", "image-updater.webhook.aliyun-acr-secret"),
            Map.entry("--cloudevents-webhook-secret", "image-updater.webhook.cloudevents-secret"),
            Map.entry("--distribution-webhook-secret", "image-updater.webhook.distribution-secret"),
            Map.entry("--ui-enabled", "image-updater.ui-enabled"),
            Map.entry("--ui-auth-token", "image-updater.ui-auth-token"),
            Map.entry("--argocd-url", "image-updater.argocd-url"));

    private ConfigFlags() {}
}
