package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.webhook.WebhookType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The webhook flags and environment variables become the webhook settings, checked before boot. */
class WebhookFlagsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "run,--webhook-port,9000,image-updater.webhook.port,9000",
        "webhook,--webhook-port,0,image-updater.webhook.port,0",
        "run,--webhook-ratelimit-allowed,120,image-updater.webhook.ratelimit-allowed,120",
        "webhook,--webhook-queue-size,50,image-updater.webhook.queue-size,50",
        "run,--webhook-require-secret,false,image-updater.webhook.require-secret,false",
        "webhook,--webhook-require-secrets,false,image-updater.webhook.require-secret,false"
    })
    void aFlagSetsItsSetting(String command, String flag, String value, String property, String expected) {
        BootArguments boot = BootArguments.of(new String[] {command, flag, value}, Map.of());

        assertEquals(Optional.empty(), boot.error());
        assertEquals(expected, boot.systemProperties().get(property));
    }

    @Test
    void switchesWithoutAValueTurnOn() {
        BootArguments boot = BootArguments.of(new String[] {"run", "--enable-webhook", "--disable-tls"}, Map.of());

        assertEquals("true", boot.systemProperties().get("image-updater.webhook.enable"));
        assertEquals("true", boot.systemProperties().get("image-updater.webhook.disable-tls"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WebhookType.class)
    void everyTypesSecretFlagSetsItsSecret(WebhookType type) {
        BootArguments boot = BootArguments.of(new String[] {"webhook", type.secretFlag(), "s3cr3t"}, Map.of());

        String name = type.secretKey().substring("webhook.".length());
        assertEquals("s3cr3t", boot.systemProperties().get("image-updater.webhook." + name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run --webhook-port 70000||webhook-port: \"70000\" is not valid; allowed: a port number from 0 to 65535",
                "webhook|WEBHOOK_PORT=http|webhook-port: \"http\" is not valid",
                "run|WEBHOOK_RATELIMIT_ALLOWED=-1|webhook-ratelimit-allowed: \"-1\" is not valid",
                "run|ENABLE_WEBHOOK=yes|enable-webhook: \"yes\" is not valid; allowed: true, false",
                "webhook|DISABLE_TLS=1|disable-tls: \"1\" is not valid",
                "webhook|WEBHOOK_REQUIRE_SECRETS=no|webhook-require-secret: \"no\" is not valid",
                "webhook --webhook-queue-size 0||webhook-queue-size: \"0\" is not valid"
            })
    void aBadValueIsOneLineNamingTheSetting(String args, String env, String expected) {
        Map<String, String> environment = env == null ? Map.of() : Map.of(env.split("=")[0], env.split("=")[1]);

        Optional<String> error = BootArguments.of(args.split(" "), environment).error();

        assertTrue(error.isPresent(), args + " " + env);
        assertTrue(error.get().startsWith(expected), error.get());
    }

    @Test
    void theWebhookCommandServesHttpLikeRunAndRunOnceDoesNot() {
        assertNull(BootArguments.of(new String[] {"webhook"}, Map.of())
                .systemProperties()
                .get("quarkus.http.host-enabled"));
        assertEquals(
                "false",
                BootArguments.of(new String[] {"run", "--once"}, Map.of())
                        .systemProperties()
                        .get("quarkus.http.host-enabled"));
    }
}
