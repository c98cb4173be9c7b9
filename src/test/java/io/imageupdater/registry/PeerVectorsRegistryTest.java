package io.imageupdater.registry;

import static io.imageupdater.testing.PeerVectors.answer;

import io.imageupdater.image.ImageRef;
import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's vectors on {@code registries.conf} and endpoint lookup, run against {@link RegistriesConfig}. */
class PeerVectorsRegistryTest {

    static Stream<Arguments> registriesConf() {
        return PeerVectors.of("registries_conf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void registriesConf(Case c) {
        String yaml = c.text("yaml");
        if (yaml == null) { // "two entries with default: true"
            yaml = """
                    registries:
                    - {name: One, api_url: https://one.io, prefix: one.io, default: true}
                    - {name: Two, api_url: https://two.io, prefix: two.io, default: true}
                    """;
        }
        Map<String, Object> ours = new LinkedHashMap<>();
        try {
            List<RegistryEndpoint> endpoints = RegistriesConfig.parse(yaml, "registries.conf");
            ours.put("valid", true);
            ours.put("count", endpoints.size());
            Map<String, Object> lookup = new LinkedHashMap<>();
            for (RegistryEndpoint endpoint : endpoints) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("credentials", endpoint.credentials());
                if (endpoint.credsExpire() != null) {
                    entry.put("credsExpireSeconds", endpoint.credsExpire().toSeconds());
                }
                lookup.put(endpoint.prefix(), entry);
            }
            if (c.expected().get("lookup") instanceof Map<?, ?> wanted) {
                lookup.keySet().retainAll(wanted.keySet());
            }
            ours.put("lookup", lookup);
            ours.put("caFile", endpoints.getFirst().caCertificates());
        } catch (RegistryConfigException e) {
            ours.put("valid", false);
            Object wanted = c.expected().get("error_contains");
            ours.put(
                    "error_contains",
                    wanted != null && e.getMessage().contains(wanted.toString()) ? wanted : e.getMessage());
        }
        PeerVectors.check(c, ours);
    }

    static Stream<Arguments> registryEndpoint() {
        return PeerVectors.of("registry_endpoint");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void registryEndpoint(Case c) {
        if (c.input().containsKey("tagsortmode")) {
            String yaml = "registries:\n- {name: X, api_url: 'https://x.io', prefix: x.io, tagsortmode: '"
                    + c.text("tagsortmode") + "'}\n";
            String mode;
            try {
                mode = name(RegistriesConfig.parse(yaml, "registries.conf")
                        .getFirst()
                        .tagSortMode());
            } catch (RegistryConfigException e) {
                mode = "unknown";
            }
            PeerVectors.check(c, answer("mode", mode));
            return;
        }
        List<RegistryEndpoint> configured = new ArrayList<>();
        if (c.input().get("configured") instanceof Map<?, ?> prefixes) {
            prefixes.forEach((prefix, credentials) ->
                    configured.add(RegistryEndpoint.of(String.valueOf(prefix), URI.create("https://" + prefix))
                            .withCredentials(String.valueOf(credentials))));
        }
        RegistryEndpoints endpoints =
                configured.isEmpty() ? RegistryEndpoints.builtIn() : new RegistryEndpoints(configured);
        String registry = c.text("registryURL");
        String name = c.text("imageName") == null ? "some/image" : c.text("imageName");
        ImageRef image = ImageRef.parse(registry.isEmpty() ? name : registry + "/" + name);
        RegistryEndpoint endpoint = endpoints.forImage(image);
        PeerVectors.check(
                c,
                answer(
                        "prefix", endpoint.prefix(),
                        "api", endpoint.apiUrl().toString(),
                        "defaultns", endpoint.defaultNamespace(),
                        "tagSort", name(endpoint.tagSortMode()),
                        "limitRps", endpoint.limit(),
                        "credentials", endpoint.credentials()));
    }

    /** Upstream calls our {@code none} "unsorted". */
    private static String name(TagSortMode mode) {
        return mode == TagSortMode.NONE ? "unsorted" : mode.toString();
    }
}
