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
            Map.entry("--ssh-known-hosts-path", "image-updater.git.known-hosts-path"),
            Map.entry("--git-push-attempts", "image-updater.git.push-attempts"),
            Map.entry("--git-timeout", "image-updater.git.timeout"),
            Map.entry("--annotations", "image-updater.annotations"),
            Map.entry("--application-credential-sources", "image-updater.application-credential-sources"),
            Map.entry("--ui-enabled", "image-updater.ui-enabled"),
            Map.entry("--ui-auth-token", "image-updater.ui-auth-token"),
            Map.entry("--argocd-url", "image-updater.argocd-url"));

    private ConfigFlags() {}
}
