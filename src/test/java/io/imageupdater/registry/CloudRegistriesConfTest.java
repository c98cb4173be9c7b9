package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialSources;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.credentials.ExtCredentialResolver;
import io.imageupdater.credentials.cloud.CloudCredentialResolver;
import io.imageupdater.credentials.cloud.CloudIdentities;
import io.imageupdater.credentials.cloud.CloudSettings;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cloud sources as {@code registries.conf} writes them, and their errors naming the registry. */
class CloudRegistriesConfTest {

    @Test
    void everyCloudSourceParsesFromRegistriesConf() {
        List<RegistryEndpoint> endpoints = RegistriesConfig.parse("""
                registries:
                - prefix: 123456789012.dkr.ecr.us-east-1.amazonaws.com
                  api_url: https://123456789012.dkr.ecr.us-east-1.amazonaws.com
                  credentials: aws:ecr?role=arn:aws:iam::123456789012:role/ecr-reader
                - prefix: europe-west1-docker.pkg.dev
                  api_url: https://europe-west1-docker.pkg.dev
                  credentials: gcp:artifact-registry
                - prefix: myregistry.azurecr.io
                  api_url: https://myregistry.azurecr.io
                  credentials: azure:acr
                - prefix: other.azurecr.io
                  api_url: https://other.azurecr.io
                  credentials: auto
                """, "registries.conf");

        List<CredentialRef.Source> sources = endpoints.stream()
                .map(endpoint -> CredentialRef.parse(endpoint.credentials()).source())
                .toList();
        assertEquals(
                List.of(
                        CredentialRef.Source.AWS,
                        CredentialRef.Source.GCP,
                        CredentialRef.Source.AZURE,
                        CredentialRef.Source.AUTO),
                sources);
        assertEquals(
                "arn:aws:iam::123456789012:role/ecr-reader",
                CredentialRef.parse(endpoints.get(0).credentials()).field());
    }

    @Test
    void autoOnAHostOfNoCloudAndAwsOnANonEcrHostFailNamingTheRegistry() {
        try (TestRegistry registry = TestRegistry.start();
                CloudIdentities identities =
                        new CloudIdentities(new CloudSettings(name -> null, null), Clock.systemUTC());
                Registries registries = new Registries(
                        new UpdaterMetrics(new SimpleMeterRegistry()),
                        CredentialSources.of(
                                new EnvCredentialResolver(name -> null),
                                new EnvCredentialResolver(name -> null),
                                new ExtCredentialResolver(),
                                new CloudCredentialResolver(identities)),
                        Clock.systemUTC(),
                        RegistryClientSettings.defaults())) {
            registry.push("acme/web", "1.0.0");
            for (String source : List.of("auto", "aws:ecr")) {
                registries.configure(List.of(
                        RegistryEndpoint.of(registry.host(), registry.url()).withCredentials(source)));
                RegistryClient client =
                        registries.client(registries.endpointFor(ImageRef.parse(registry.host() + "/acme/web")));
                RuntimeException e = assertThrows(RuntimeException.class, () -> client.listTags("acme/web"));
                assertTrue(e.getMessage().contains(registry.host()), e.getMessage());
                assertTrue(
                        e.getMessage().contains(source.equals("auto") ? "\"auto\"" : "not an ECR host"),
                        e.getMessage());
            }
        }
    }
}
