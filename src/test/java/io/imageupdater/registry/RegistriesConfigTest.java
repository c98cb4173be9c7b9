package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.GoDuration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistriesConfigTest {

    private static final String FULL = """
            registries:
            - name: GitHub Container Registry
              api_url: https://ghcr.io/
              prefix: ghcr.io
              ping: no
              credentials: env:GHCR_CREDS
              credsexpire: 1h30m
              default: true
              insecure: yes
              tagsortmode: latest-first
              limit: 2.5
              defaultns: acme
            - api_url: https://quay.io
              prefix: quay.io
            """;

    @Test
    void readsEveryKey() {
        List<RegistryEndpoint> endpoints = RegistriesConfig.parse(FULL, "registries.conf");
        assertEquals(2, endpoints.size());
        RegistryEndpoint ghcr = endpoints.get(0);
        assertEquals("GitHub Container Registry", ghcr.name());
        assertEquals(URI.create("https://ghcr.io"), ghcr.apiUrl());
        assertEquals("ghcr.io", ghcr.prefix());
        assertFalse(ghcr.ping());
        assertEquals("env:GHCR_CREDS", ghcr.credentials());
        assertEquals(Duration.ofMinutes(90), ghcr.credsExpire());
        assertTrue(ghcr.isDefault());
        assertTrue(ghcr.insecure());
        assertEquals(TagSortMode.LATEST_FIRST, ghcr.tagSortMode());
        assertEquals(2.5, ghcr.limit());
        assertEquals("acme", ghcr.defaultNamespace());
    }

    @Test
    void omittedKeysTakeDefaults() {
        RegistryEndpoint quay = RegistriesConfig.parse(FULL, "registries.conf").get(1);
        assertEquals(
                new RegistryEndpoint(
                        "quay.io",
                        "quay.io",
                        URI.create("https://quay.io"),
                        true,
                        null,
                        null,
                        false,
                        false,
                        TagSortMode.NONE,
                        null,
                        null),
                quay);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "none        | none         | NONE",
                "first       | latest-first | LATEST_FIRST",
                "last        | latest-last  | LATEST_LAST",
            })
    void readsTagSortModes(String row, String text, TagSortMode expected) {
        String yaml = "registries:\n- prefix: r.io\n  api_url: https://r.io\n  tagsortmode: " + text + "\n";
        assertEquals(expected, RegistriesConfig.parse(yaml, "f").get(0).tagSortMode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hours          | 2h     | PT2H",
                "minutes        | 30m    | PT30M",
                "compound       | 1h30m  | PT1H30M",
                "seconds        | 45s    | PT45S",
                "fractional     | 1.5h   | PT1H30M",
                "milliseconds   | 1500ms | PT1.5S",
                "all units      | 1h2m3s4ms | PT1H2M3.004S",
            })
    void readsGoDurations(String row, String text, Duration expected) {
        assertEquals(expected, GoDuration.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no unit        | 30",
                "unknown unit   | 2d",
                "garbage after  | 2hx",
                "empty          | ''",
            })
    void rejectsMalformedDurations(String row, String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }

    @Test
    void unknownEntryKeyIsNamedWithEntryAndFile() {
        String yaml = "registries:\n- name: Quay\n  prefix: quay.io\n  api_url: https://quay.io\n  credsExpire: 2h\n";
        RegistryConfigException e = assertThrows(
                RegistryConfigException.class, () -> RegistriesConfig.parse(yaml, "/app/config/registries.conf"));
        assertTrue(e.getMessage().contains("\"credsExpire\""), e.getMessage());
        assertTrue(e.getMessage().contains("#1"), e.getMessage());
        assertTrue(e.getMessage().contains("Quay"), e.getMessage());
        assertTrue(e.getMessage().contains("/app/config/registries.conf"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        String yaml = "registries: []\nregistry: []\n";
        RegistryConfigException e =
                assertThrows(RegistryConfigException.class, () -> RegistriesConfig.parse(yaml, "r.conf"));
        assertTrue(e.getMessage().contains("\"registry\""), e.getMessage());
        assertTrue(e.getMessage().contains("r.conf"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing prefix      | '- api_url: https://r.io'                                    | no prefix",
                "missing api_url     | '- prefix: r.io'                                             | no api_url",
                "bad sort mode       | '- {prefix: r.io, api_url: https://r.io, tagsortmode: asc}'   | tagsortmode",
                "bad duration        | '- {prefix: r.io, api_url: https://r.io, credsexpire: 2days}' | credsexpire",
                "bad boolean         | '- {prefix: r.io, api_url: https://r.io, insecure: maybe}'    | insecure",
                "bad limit           | '- {prefix: r.io, api_url: https://r.io, limit: lots}'        | limit",
                "negative limit      | '- {prefix: r.io, api_url: https://r.io, limit: -1}'          | limit",
                "not http            | '- {prefix: r.io, api_url: ftp://r.io}'                       | api_url",
                "entry not a map     | '- just-a-string'                                             | mapping",
            })
    void invalidEntriesAreRejected(String row, String entry, String mention) {
        RegistryConfigException e = assertThrows(
                RegistryConfigException.class, () -> RegistriesConfig.parse("registries:\n" + entry + "\n", "r.conf"));
        assertTrue(e.getMessage().contains(mention), e.getMessage());
        assertTrue(e.getMessage().contains("r.conf"), e.getMessage());
    }

    @Test
    void twoDefaultsAreRejected() {
        String yaml = """
                registries:
                - {prefix: a.io, api_url: https://a.io, default: true}
                - {prefix: b.io, api_url: https://b.io, default: true}
                """;
        RegistryConfigException e =
                assertThrows(RegistryConfigException.class, () -> RegistriesConfig.parse(yaml, "r.conf"));
        assertTrue(e.getMessage().contains("a.io") && e.getMessage().contains("b.io"), e.getMessage());
    }

    @Test
    void duplicatePrefixesAreRejected() {
        String yaml = "registries:\n- {prefix: a.io, api_url: https://a.io}\n- {prefix: a.io, api_url: https://b.io}\n";
        RegistryConfigException e =
                assertThrows(RegistryConfigException.class, () -> RegistriesConfig.parse(yaml, "r.conf"));
        assertTrue(e.getMessage().contains("a.io"), e.getMessage());
    }

    @Test
    void invalidYamlNamesTheFile() {
        RegistryConfigException e = assertThrows(
                RegistryConfigException.class, () -> RegistriesConfig.parse("registries: [\n", "broken.conf"));
        assertTrue(e.getMessage().contains("broken.conf"), e.getMessage());
    }

    @Test
    void emptyDocumentMeansNoRegistries() {
        assertEquals(List.of(), RegistriesConfig.parse("", "empty.conf"));
        assertEquals(List.of(), RegistriesConfig.parse("registries:\n", "empty.conf"));
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registries.conf");
        Files.writeString(file, FULL);
        assertEquals(2, RegistriesConfig.load(file).size());
        RegistryConfigException e =
                assertThrows(RegistryConfigException.class, () -> RegistriesConfig.load(dir.resolve("missing.conf")));
        assertTrue(e.getMessage().contains("missing.conf"), e.getMessage());
    }

    @Test
    void omittedCredentialsMeanAnonymousAccess() {
        String yaml = "registries:\n- {prefix: a.io, api_url: https://a.io}\n";
        assertNull(RegistriesConfig.parse(yaml, "r.conf").get(0).credentials());
    }
}
