package io.imageupdater.registry;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Builds the declarative REST clients for a registry and its token service, with the configured timeouts. */
final class RegistryApis {

    private final RegistryClientSettings settings;

    RegistryApis(RegistryClientSettings settings) {
        this.settings = settings;
    }

    RegistryClientSettings settings() {
        return settings;
    }

    DistributionApi distribution(RegistryEndpoint endpoint) {
        return builder(endpoint.apiUrl(), endpoint.insecure()).build(DistributionApi.class);
    }

    ManifestApi manifests(RegistryEndpoint endpoint) {
        return builder(endpoint.apiUrl(), endpoint.insecure()).build(ManifestApi.class);
    }

    TokenApi token(URI realm, boolean insecure) {
        return builder(realm, insecure).build(TokenApi.class);
    }

    private QuarkusRestClientBuilder builder(URI baseUri, boolean insecure) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(true)
                .trustAll(insecure)
                .verifyHost(!insecure)
                .disableDefaultMapper(true);
    }
}
