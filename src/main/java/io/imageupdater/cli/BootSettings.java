package io.imageupdater.cli;

import io.imageupdater.GoDuration;
import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.credentials.CredentialsException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settings checked before Quarkus boots, so that a bad value (from a flag or an environment variable, which is
 * how the ConfigMap reaches us) fails start-up with one line naming the setting and the allowed values, never with
 * a stack trace from the configuration system or the logging set-up.
 */
final class BootSettings {

    /** A setting: its name, the property its flag sets, the environment variables that carry it, and its rule. */
    record Setting(String name, String property, List<String> environment, String allowed, Predicate<String> valid) {
        Setting {
            environment = List.copyOf(environment);
        }

        Optional<String> check(Map<String, String> flagProperties, Map<String, String> env) {
            String value = flagProperties.get(property);
            if (value == null) {
                value = environment.stream()
                        .map(env::get)
                        .filter(v -> v != null && !v.isBlank())
                        .findFirst()
                        .orElse(null);
            }
            if (value == null || valid.test(value.strip())) {
                return Optional.empty();
            }
            return Optional.of(name + ": \"" + value + "\" is not valid; allowed: " + allowed);
        }
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting(
                    "interval",
                    "image-updater.interval",
                    List.of("IMAGE_UPDATER_INTERVAL"),
                    "a positive duration like 30s, 2m or 1h30m",
                    BootSettings::positiveDuration),
            new Setting(
                    "cycle-timeout",
                    "image-updater.cycle-timeout",
                    List.of("IMAGE_UPDATER_CYCLE_TIMEOUT"),
                    "a positive duration like 10m",
                    BootSettings::positiveDuration),
            new Setting(
                    "max-concurrent-apps",
                    "image-updater.max-concurrent-apps",
                    List.of("IMAGE_UPDATER_MAX_CONCURRENT_APPS", "MAX_CONCURRENT_APPS"),
                    "a whole number of at least 1",
                    BootSettings::positiveInt),
            new Setting(
                    "loglevel",
                    "image-updater.loglevel",
                    List.of("IMAGE_UPDATER_LOGLEVEL"),
                    "trace, debug, info, warn, error",
                    oneOf("trace", "debug", "info", "warn", "warning", "error")),
            new Setting(
                    "logformat",
                    "image-updater.logformat",
                    List.of("IMAGE_UPDATER_LOGFORMAT"),
                    "text, json",
                    oneOf("text", "json")),
            new Setting(
                    "dry-run",
                    "image-updater.dry-run",
                    List.of("IMAGE_UPDATER_DRY_RUN"),
                    "true, false",
                    oneOf("true", "false")),
            new Setting(
                    "leader-election",
                    "image-updater.leader-election.enabled",
                    List.of("IMAGE_UPDATER_LEADER_ELECTION_ENABLED"),
                    "true, false",
                    oneOf("true", "false")),
            new Setting(
                    "leader-election-lease-duration",
                    "image-updater.leader-election.lease-duration",
                    List.of("IMAGE_UPDATER_LEADER_ELECTION_LEASE_DURATION"),
                    "a positive duration like 15s",
                    BootSettings::positiveDuration),
            new Setting(
                    ApplicationCredentialSources.SETTING,
                    "image-updater.application-credential-sources",
                    List.of("IMAGE_UPDATER_APPLICATION_CREDENTIAL_SOURCES"),
                    "a comma-separated list of pullsecret, secret, env, ext, aws, gcp, azure, auto (or none)",
                    BootSettings::credentialSources),
            new Setting(
                    "webhook-port",
                    "image-updater.webhook.port",
                    List.of("IMAGE_UPDATER_WEBHOOK_PORT", "WEBHOOK_PORT"),
                    "a port number from 0 to 65535",
                    value -> intBetween(value, 0, 65535)),
            new Setting(
                    "webhook-ratelimit-allowed",
                    "image-updater.webhook.ratelimit-allowed",
                    List.of("IMAGE_UPDATER_WEBHOOK_RATELIMIT_ALLOWED", "WEBHOOK_RATELIMIT_ALLOWED"),
                    "a whole number of requests per hour, 0 for no limit",
                    value -> intBetween(value, 0, Integer.MAX_VALUE)),
            new Setting(
                    "webhook-queue-size",
                    "image-updater.webhook.queue-size",
                    List.of("IMAGE_UPDATER_WEBHOOK_QUEUE_SIZE", "WEBHOOK_QUEUE_SIZE"),
                    "a whole number of at least 1",
                    BootSettings::positiveInt),
            new Setting(
                    "enable-webhook",
                    "image-updater.webhook.enable",
                    List.of("IMAGE_UPDATER_WEBHOOK_ENABLE", "ENABLE_WEBHOOK"),
                    "true, false",
                    oneOf("true", "false")),
            new Setting(
                    "disable-tls",
                    "image-updater.webhook.disable-tls",
                    List.of("IMAGE_UPDATER_WEBHOOK_DISABLE_TLS", "DISABLE_TLS"),
                    "true, false",
                    oneOf("true", "false")),
            new Setting(
                    "webhook-require-secret",
                    "image-updater.webhook.require-secret",
                    List.of(
                            "IMAGE_UPDATER_WEBHOOK_REQUIRE_SECRET",
                            "WEBHOOK_REQUIRE_SECRET",
                            "WEBHOOK_REQUIRE_SECRETS"),
                    "true, false",
                    oneOf("true", "false")),
            new Setting(
                    "shutdown-grace-period",
                    "image-updater.shutdown-grace-period",
                    List.of("IMAGE_UPDATER_SHUTDOWN_GRACE_PERIOD"),
                    "a positive duration like 20s",
                    BootSettings::positiveDuration),
            new Setting(
                    "ui-enabled",
                    "image-updater.ui-enabled",
                    List.of("IMAGE_UPDATER_UI_ENABLED"),
                    "true, false",
                    oneOf("true", "false")),
            new Setting(
                    "argocd-url",
                    "image-updater.argocd-url",
                    List.of("IMAGE_UPDATER_ARGOCD_URL"),
                    "an http(s) URL of the Argo CD UI, like https://argocd.example.com",
                    BootSettings::httpUrl));

    private BootSettings() {}

    /** The first bad setting, as one line; empty when all set values are valid. */
    static Optional<String> firstError(Map<String, String> flagProperties, Map<String, String> env) {
        return SETTINGS.stream()
                .map(setting -> setting.check(flagProperties, env))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The log format in force: the flag, else {@code IMAGE_UPDATER_LOGFORMAT}, else text. */
    static String logFormat(Map<String, String> flagProperties, Map<String, String> env) {
        String value = flagProperties.getOrDefault("image-updater.logformat", env.get("IMAGE_UPDATER_LOGFORMAT"));
        return value == null || value.isBlank() ? "text" : value.strip().toLowerCase(Locale.ROOT);
    }

    private static Predicate<String> oneOf(String... values) {
        return value -> List.of(values).contains(value.toLowerCase(Locale.ROOT));
    }

    private static boolean positiveDuration(String value) {
        try {
            Duration duration = GoDuration.parse(value);
            return !duration.isZero() && !duration.isNegative();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean credentialSources(String value) {
        try {
            ApplicationCredentialSources.parse(value);
            return true;
        } catch (CredentialsException e) {
            return false;
        }
    }

    private static boolean intBetween(String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean positiveInt(String value) {
        try {
            return Integer.parseInt(value) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
