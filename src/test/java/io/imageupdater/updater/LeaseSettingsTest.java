package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.ImageUpdaterException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Leader-election settings: when it is on, who we are, where the Lease lives, and timing rules. */
class LeaseSettingsTest {

    record Config(
            Optional<Boolean> enabled,
            String leaseName,
            Optional<String> namespace,
            String leaseDuration,
            String renewDeadline,
            String retryPeriod)
            implements LeaderElectionConfig {
        static Config defaults() {
            return new Config(Optional.empty(), "argocd-image-updater-leader", Optional.empty(), "15s", "10s", "2s");
        }
    }

    static Stream<Arguments> enabled() {
        return Stream.of(
                Arguments.of(
                        "in a cluster, unset", Optional.empty(), Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), true),
                Arguments.of("outside, unset", Optional.empty(), Map.of(), false),
                Arguments.of(
                        "in a cluster, off", Optional.of(false), Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), false),
                Arguments.of("outside, on", Optional.of(true), Map.of(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enabled")
    void onByDefaultInACluster(String name, Optional<Boolean> setting, Map<String, String> env, boolean expected) {
        Config config = new Config(setting, "l", Optional.empty(), "15s", "10s", "2s");
        assertEquals(expected, LeaseSettings.enabled(config, env));
    }

    static Stream<Arguments> identities() {
        return Stream.of(
                Arguments.of(
                        "pod name from the Downward API",
                        Map.of("POD_NAME", "updater-7d9f-abcde", "POD_NAMESPACE", "argocd"),
                        "updater-7d9f-abcde",
                        "argocd"),
                Arguments.of("host name and client namespace", Map.of(), "host-1", "client-ns"),
                Arguments.of("blank pod name ignored", Map.of("POD_NAME", " "), "host-1", "client-ns"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void identityAndNamespace(String name, Map<String, String> env, String identity, String namespace) {
        LeaseSettings settings = LeaseSettings.of(Config.defaults(), "client-ns", env, () -> "host-1");
        assertEquals(identity, settings.identity());
        assertEquals(namespace, settings.namespace());
        assertEquals(Duration.ofSeconds(15), settings.leaseDuration());
        assertEquals("argocd-image-updater-leader", settings.name());
    }

    static Stream<Arguments> badTimings() {
        return Stream.of(
                Arguments.of(
                        "renew deadline not below lease", "10s", "10s", "2s", "renew-deadline (10s) must be shorter"),
                Arguments.of("retry not below renew", "15s", "10s", "10s", "retry-period (10s) must be shorter"),
                Arguments.of("not a duration", "fifteen", "10s", "2s", "leader-election-lease-duration"),
                Arguments.of("zero", "0s", "10s", "2s", "leader-election-lease-duration: must be greater than 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTimings")
    void badTimingsNameTheSetting(String name, String lease, String renew, String retry, String message) {
        Config config = new Config(Optional.empty(), "l", Optional.empty(), lease, renew, retry);
        ImageUpdaterException e =
                assertThrows(ImageUpdaterException.class, () -> LeaseSettings.of(config, "ns", Map.of(), () -> "h"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
