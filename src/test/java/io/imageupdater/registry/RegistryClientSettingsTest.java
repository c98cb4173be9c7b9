package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryClientSettingsTest {

    @ParameterizedTest(name = "max-concurrent {0}")
    @ValueSource(ints = {1, 8, 64})
    void maxConcurrentIsReplacedAndTheRestKept(int n) {
        RegistryClientSettings base = RegistryClientSettings.defaults()
                .withPageSize(50)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(7))
                .withProxies(Map.of("HTTPS_PROXY", "http://127.0.0.1:3128"));

        RegistryClientSettings changed = base.withMaxConcurrent(n);

        assertEquals(n, changed.maxConcurrent());
        assertEquals(
                new RegistryClientSettings(
                        base.pageSize(), base.connectTimeout(), base.readTimeout(), n, base.retry(), base.proxies()),
                changed);
    }

    @ParameterizedTest(name = "max-concurrent {0}")
    @ValueSource(ints = {0, -1})
    void maxConcurrentBelowOneIsRejectedNamingTheSetting(int n) {
        RegistryConfigException e = assertThrows(
                RegistryConfigException.class,
                () -> RegistryClientSettings.defaults().withMaxConcurrent(n));

        assertTrue(e.getMessage().contains("image-updater.registry.max-concurrent"), e.getMessage());
    }
}
