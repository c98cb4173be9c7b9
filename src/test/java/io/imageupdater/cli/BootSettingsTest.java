package io.imageupdater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings checked before boot: one line naming the setting and the allowed values, from flags or environment. */
class BootSettingsTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(
                        "interval flag not a duration",
                        new String[] {"run", "--interval", "soon"},
                        Map.of(),
                        "interval: \"soon\" is not valid; allowed: a positive duration like 30s, 2m or 1h30m"),
                Arguments.of(
                        "cycle-timeout flag not a duration",
                        new String[] {"run", "--cycle-timeout", "forever"},
                        Map.of(),
                        "cycle-timeout: \"forever\" is not valid; allowed: a positive duration like 10m"),
                Arguments.of(
                        "cycle-timeout env zero",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_CYCLE_TIMEOUT", "0s"),
                        "cycle-timeout: \"0s\" is not valid"),
                Arguments.of(
                        "interval env zero",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_INTERVAL", "0s"),
                        "interval: \"0s\" is not valid"),
                Arguments.of(
                        "upstream MAX_CONCURRENT_APPS",
                        new String[] {"run"},
                        Map.of("MAX_CONCURRENT_APPS", "many"),
                        "max-concurrent-apps: \"many\" is not valid; allowed: a whole number of at least 1"),
                Arguments.of(
                        "max-concurrent-apps flag zero",
                        new String[] {"run", "--max-concurrent-apps", "0"},
                        Map.of(),
                        "max-concurrent-apps: \"0\" is not valid"),
                Arguments.of(
                        "loglevel flag",
                        new String[] {"run", "--loglevel", "loud"},
                        Map.of(),
                        "loglevel: \"loud\" is not valid; allowed: trace, debug, info, warn, error"),
                Arguments.of(
                        "loglevel env for test command",
                        new String[] {"test", "nginx"},
                        Map.of("IMAGE_UPDATER_LOGLEVEL", "verbose"),
                        "loglevel: \"verbose\" is not valid"),
                Arguments.of(
                        "logformat env",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_LOGFORMAT", "xml"),
                        "logformat: \"xml\" is not valid; allowed: text, json"),
                Arguments.of(
                        "logformat flag",
                        new String[] {"run", "--logformat", "yaml"},
                        Map.of(),
                        "logformat: \"yaml\" is not valid"),
                Arguments.of(
                        "leader-election flag",
                        new String[] {"run", "--leader-election=maybe"},
                        Map.of(),
                        "leader-election: \"maybe\" is not valid; allowed: true, false"),
                Arguments.of(
                        "lease duration env",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_LEADER_ELECTION_LEASE_DURATION", "15"),
                        "leader-election-lease-duration: \"15\" is not valid"),
                Arguments.of(
                        "shutdown grace env",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_SHUTDOWN_GRACE_PERIOD", "-1s"),
                        "shutdown-grace-period: \"-1s\" is not valid"),
                Arguments.of(
                        "application-credential-sources flag",
                        new String[] {"run", "--application-credential-sources", "pullsecret,vault"},
                        Map.of(),
                        "application-credential-sources: \"pullsecret,vault\" is not valid; allowed: a comma-separated list of pullsecret, secret, env, ext"),
                Arguments.of(
                        "application-credential-sources env",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_APPLICATION_CREDENTIAL_SOURCES", "env,files"),
                        "application-credential-sources: \"env,files\" is not valid"),
                Arguments.of(
                        "ui-enabled flag",
                        new String[] {"run", "--ui-enabled=maybe"},
                        Map.of(),
                        "ui-enabled: \"maybe\" is not valid; allowed: true, false"),
                Arguments.of(
                        "argocd-url env",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_ARGOCD_URL", "argocd.example.com"),
                        "argocd-url: \"argocd.example.com\" is not valid"),
                Arguments.of(
                        "flag outranks a good env",
                        new String[] {"run", "--interval", "x"},
                        Map.of("IMAGE_UPDATER_INTERVAL", "2m"),
                        "interval: \"x\" is not valid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValueIsOneLineNamingTheSetting(String name, String[] args, Map<String, String> env, String expected) {
        Optional<String> error = BootArguments.of(args, env).error();

        assertTrue(error.isPresent(), name);
        assertTrue(error.get().startsWith(expected), error.get());
        assertEquals(1, error.get().lines().count());
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of("nothing set", new String[] {"run"}, Map.of(), "false"),
                Arguments.of(
                        "cycle-timeout flag and env",
                        new String[] {"run", "--cycle-timeout", "15m"},
                        Map.of("IMAGE_UPDATER_CYCLE_TIMEOUT", "5m"),
                        "false"),
                Arguments.of(
                        "upstream durations",
                        new String[] {"run", "--interval", "1h30m"},
                        Map.of("IMAGE_UPDATER_LEADER_ELECTION_LEASE_DURATION", "15s"),
                        "false"),
                Arguments.of("json from env", new String[] {"run"}, Map.of("IMAGE_UPDATER_LOGFORMAT", "json"), "true"),
                Arguments.of("json from flag", new String[] {"run", "--logformat", "JSON"}, Map.of(), "true"),
                Arguments.of(
                        "flag text outranks env json",
                        new String[] {"run", "--logformat", "text"},
                        Map.of("IMAGE_UPDATER_LOGFORMAT", "json"),
                        "false"),
                Arguments.of("leader election bare flag", new String[] {"run", "--leader-election"}, Map.of(), "false"),
                Arguments.of(
                        "every credential source for tenants",
                        new String[] {"run", "--application-credential-sources", "pullsecret,secret,env,ext"},
                        Map.of("IMAGE_UPDATER_APPLICATION_CREDENTIAL_SOURCES", "none"),
                        "false"),
                Arguments.of(
                        "warning accepted as upstream writes it",
                        new String[] {"run"},
                        Map.of("IMAGE_UPDATER_LOGLEVEL", "warning"),
                        "false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodValues")
    void goodValuesBootWithTheLogFormatSwitched(String name, String[] args, Map<String, String> env, String json) {
        BootArguments boot = BootArguments.of(args, env);

        assertEquals(Optional.empty(), boot.error(), name);
        assertEquals(json, boot.systemProperties().get("quarkus.log.console.json.enabled"), name);
    }

    @org.junit.jupiter.api.Test
    void cycleTimeoutFlagSetsTheSetting() {
        BootArguments boot = BootArguments.of(new String[] {"run", "--cycle-timeout", "15m"}, Map.of());

        assertEquals("15m", boot.systemProperties().get("image-updater.cycle-timeout"));
    }
}
