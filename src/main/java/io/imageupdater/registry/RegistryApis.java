package io.imageupdater.registry;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Builds the declarative REST clients for a registry, its token service and where it redirects to: timeouts, the registry's TLS settings
 * ({@code insecure}, {@code ca_file}/{@code ca_data} added to the JDK's trusted roots) and the proxy for its URL.
 */
final class RegistryApis {

    private final RegistryClientSettings settings;

    RegistryApis(RegistryClientSettings settings) {
        this.settings = settings;
    }

    RegistryClientSettings settings() {
        return settings;
    }

    /**
     * A client for one origin with the endpoint's TLS settings (its token service and the places it redirects to get
     * the same trust) and the proxy for that origin. Redirects are not followed: {@link RegistryRequests} does that.
     * Close it with {@link #close(ResourceApi)}.
     */
    ResourceApi resource(Origin origin, RegistryEndpoint endpoint) {
        return builder(origin.uri(), endpoint).build(ResourceApi.class);
    }

    /** Releases a client's connections. */
    static void close(ResourceApi api) {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                io.quarkus.logging.Log.debugf(
                        "Closing a registry client failed: %s", e.getClass().getSimpleName());
            }
        }
    }

    private QuarkusRestClientBuilder builder(URI baseUri, RegistryEndpoint endpoint) {
        boolean insecure = endpoint.insecure();
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .trustAll(insecure)
                .verifyHost(!insecure)
                .disableDefaultMapper(true);
        if (!insecure && endpoint.caCertificates() != null && "https".equals(baseUri.getScheme())) {
            builder.trustStore(trustStore(endpoint), "");
        }
        settings.proxies().forTarget(baseUri).ifPresent(proxy -> {
            builder.proxyAddress(proxy.host(), proxy.port());
            if (proxy.user() != null) {
                builder.proxyUser(proxy.user());
            }
            if (proxy.password() != null) {
                builder.proxyPassword(proxy.password());
            }
        });
        return builder;
    }

    /** The JDK's default trusted roots plus the endpoint's own certificates. */
    static KeyStore trustStore(RegistryEndpoint endpoint) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            javax.net.ssl.TrustManagerFactory defaults = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int i = 0;
            for (javax.net.ssl.TrustManager manager : defaults.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (Certificate certificate : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("default-" + i++, certificate);
                    }
                }
            }
            int j = 0;
            for (Certificate certificate : certificates(endpoint)) {
                store.setCertificateEntry("registry-" + j++, certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new RegistryConfigException(
                    "cannot build the trust store of registry " + endpoint.prefix() + ": " + e.getMessage(), e);
        }
    }

    /** Parses PEM certificates; at least one is required. */
    static Collection<? extends Certificate> certificates(RegistryEndpoint endpoint) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(
                            new ByteArrayInputStream(endpoint.caCertificates().getBytes(StandardCharsets.UTF_8)));
            if (certificates.isEmpty()) {
                throw new RegistryConfigException(
                        "the CA certificates of registry " + endpoint.prefix() + " contain no PEM certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new RegistryConfigException(
                    "the CA certificates of registry " + endpoint.prefix() + " are not valid PEM: " + e.getMessage(),
                    e);
        }
    }
}
