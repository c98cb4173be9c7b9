package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.image.ImageRef;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryEndpointsTest {

    private static final RegistryEndpoints CONFIGURED = new RegistryEndpoints(RegistriesConfig.parse("""
            registries:
            - {name: ghcr, prefix: ghcr.io, api_url: https://ghcr.io}
            - {name: ghcr-acme, prefix: ghcr.io/acme, api_url: https://ghcr-mirror.example.com, defaultns: team}
            - {name: corp, prefix: registry.corp.example, api_url: https://registry.corp.example:8443, defaultns: base}
            """, "test"));

    private static final RegistryEndpoints WITH_DEFAULT = new RegistryEndpoints(RegistriesConfig.parse("""
            registries:
            - {name: mirror, prefix: mirror.example.com, api_url: https://mirror.example.com, default: true, defaultns: library}
            """, "test"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "longest prefix wins          | ghcr.io/acme/web:1     | ghcr-acme   | https://ghcr-mirror.example.com  | acme/web",
                "shorter prefix otherwise     | ghcr.io/other/web:1    | ghcr        | https://ghcr.io                  | other/web",
                "prefix is a component match  | ghcr.io/acmeco/web     | ghcr        | https://ghcr.io                  | acmeco/web",
                "configured host with ns      | registry.corp.example/app | corp     | https://registry.corp.example:8443 | base/app",
                "implicit docker hub          | nginx:1.25             | Docker Hub  | https://registry-1.docker.io     | library/nginx",
                "implicit docker hub org      | bitnami/redis          | Docker Hub  | https://registry-1.docker.io     | bitnami/redis",
                "written docker.io            | docker.io/nginx        | Docker Hub  | https://registry-1.docker.io     | library/nginx",
                "docker hub alias             | index.docker.io/library/nginx | Docker Hub | https://registry-1.docker.io | library/nginx",
                "unknown host inferred https  | quay.io/prometheus/node | quay.io    | https://quay.io                  | prometheus/node",
                "unknown host with port       | reg.example.com:5000/a | reg.example.com:5000 | https://reg.example.com:5000 | a",
                "localhost is plain http      | localhost:5000/a/b     | localhost:5000 | http://localhost:5000         | a/b",
                "127/8 is plain http          | 127.0.0.2:5000/a       | 127.0.0.2:5000 | http://127.0.0.2:5000         | a",
                "ipv6 loopback is plain http  | '[::1]:5000/a'         | '[::1]:5000' | 'http://[::1]:5000'             | a",
            })
    void picksTheEndpointForAnImage(String row, String image, String name, URI api, String repository) {
        ImageRef ref = ImageRef.parse(image);
        RegistryEndpoint endpoint = CONFIGURED.forImage(ref);
        assertEquals(name, endpoint.name());
        assertEquals(api, endpoint.apiUrl());
        assertEquals(repository, CONFIGURED.repositoryPath(endpoint, ref));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "implicit registry uses default | nginx             | mirror     | library/nginx",
                "written docker.io does not     | docker.io/nginx   | Docker Hub | library/nginx",
                "other hosts are unaffected     | quay.io/a/b       | quay.io    | a/b",
            })
    void defaultEntryServesImagesWithoutRegistry(String row, String image, String name, String repository) {
        ImageRef ref = ImageRef.parse(image);
        RegistryEndpoint endpoint = WITH_DEFAULT.forImage(ref);
        assertEquals(name, endpoint.name());
        assertEquals(repository, WITH_DEFAULT.repositoryPath(endpoint, ref));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost         | localhost        | true",
                "localhost port    | localhost:5000   | true",
                "127.0.0.1         | 127.0.0.1:5000   | true",
                "127.1.2.3         | 127.1.2.3        | true",
                "ipv6 loopback     | '[::1]:5000'     | true",
                "public            | quay.io          | false",
                "127 as a name     | 127.example.com  | false",
                "ipv6 other        | '[fe80::1]:5000' | false",
            })
    void recognisesLoopbackHosts(String row, String host, boolean loopback) {
        assertEquals(loopback, RegistryEndpoints.isLoopback(host));
        assertEquals(loopback, RegistryEndpoints.inferred(host).insecure());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "configured docker.io replaces built-in | docker.io",
                "alias prefix too                       | registry-1.docker.io",
            })
    void configuredDockerHubReplacesTheBuiltIn(String row, String prefix) {
        RegistryEndpoint hub = new RegistryEndpoint(
                "my hub",
                prefix,
                URI.create("https://hub-proxy.example.com"),
                true,
                "env:HUB",
                null,
                false,
                false,
                TagSortMode.NONE,
                null,
                "library");
        RegistryEndpoints endpoints = new RegistryEndpoints(List.of(hub));
        assertEquals(hub, endpoints.forImage(ImageRef.parse("nginx")));
        assertEquals(1, endpoints.all().size());
    }
}
