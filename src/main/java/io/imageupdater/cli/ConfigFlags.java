package io.imageupdater.cli;

import java.util.Map;

/** Flags that are also settings: each sets the configuration property it names. */
final class ConfigFlags {
    static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("--interval", "image-updater.interval"),
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
            Map.entry("--annotations", "image-updater.annotations"));

    private ConfigFlags() {
    }
}
