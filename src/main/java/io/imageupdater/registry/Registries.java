package io.imageupdater.registry;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.credentials.CredentialCache;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialResolver;
import io.imageupdater.credentials.CredentialScope;
import io.imageupdater.credentials.CredentialSources;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.credentials.ExtCredentialResolver;
import io.imageupdater.credentials.KubernetesCredentialResolver;
import io.imageupdater.credentials.cloud.CloudCredentialResolver;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The registries the updater knows: endpoints from {@code registries.conf} plus built-ins, one cached client per
 * endpoint, and the credential resolver. Call {@link #configure(Optional)} once at start; until then only the
 * built-in endpoints are known.
 */
@ApplicationScoped
public class Registries implements AutoCloseable {

    /** Where the config map is mounted in the upstream deployment. */
    public static final Path DEFAULT_CONFIG = Path.of("/app/config/registries.conf");

    private final UpdaterMetrics metrics;
    private final CredentialResolver resolver;
    private final CredentialCache credentialCache;
    private final Clock clock;
    private final RegistryApis apis;
    private final MetadataCache metadataCache;
    private final int metadataConcurrency;
    private final HostPermits permits;
    private final Map<RegistryEndpoint, RegistryClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile RegistryEndpoints endpoints = RegistryEndpoints.builtIn();

    @Inject
    public Registries(
            UpdaterMetrics metrics,
            KubernetesClient kubernetes,
            RegistryConfig config,
            MetadataConfig metadata,
            Clock clock,
            CloudCredentialResolver cloud) {
        this(
                metrics,
                CredentialSources.of(
                        new EnvCredentialResolver(),
                        new KubernetesCredentialResolver(kubernetes, kubernetes::getNamespace),
                        new ExtCredentialResolver(),
                        cloud),
                clock,
                RegistryClientSettings.defaults().withMaxConcurrent(config.maxConcurrent()),
                metadata);
    }

    public Registries(
            UpdaterMetrics metrics, CredentialResolver resolver, Clock clock, RegistryClientSettings settings) {
        this(metrics, resolver, clock, settings, MetadataConfig.Values.DEFAULTS);
    }

    public Registries(
            UpdaterMetrics metrics,
            CredentialResolver resolver,
            Clock clock,
            RegistryClientSettings settings,
            MetadataConfig metadata) {
        this.metrics = metrics;
        this.resolver = resolver;
        this.credentialCache = new CredentialCache(resolver, clock);
        this.clock = clock;
        this.apis = new RegistryApis(settings);
        this.permits = new HostPermits(settings.maxConcurrent());
        this.metadataCache = new MetadataCache(
                metadata.metadataCacheSize(), metadata.metadataCacheBytes().asLongValue());
        this.metadataConcurrency = metadata.metadataConcurrency();
    }

    /**
     * Loads {@code registries.conf}.
     *
     * @param registriesConf a file that must exist; when empty, {@link #DEFAULT_CONFIG} is read if it exists
     * @throws RegistryConfigException when a given file is missing or any file read is invalid
     */
    public Registries configure(Optional<Path> registriesConf) {
        if (registriesConf.isPresent()) {
            return configure(RegistriesConfig.load(registriesConf.get()));
        }
        if (Files.exists(DEFAULT_CONFIG)) {
            return configure(RegistriesConfig.load(DEFAULT_CONFIG));
        }
        Log.debugf("No registries configuration at %s; using built-in registries only", DEFAULT_CONFIG);
        return configure(List.of());
    }

    /** Replaces the configured endpoints; the clients of endpoints no longer known are closed. */
    public Registries configure(List<RegistryEndpoint> configured) {
        RegistryEndpoints replaced = new RegistryEndpoints(configured);
        this.endpoints = replaced;
        clients.entrySet().removeIf(client -> {
            if (replaced.all().contains(client.getKey())) {
                return false;
            }
            client.getValue().close();
            return true;
        });
        Log.debugf(
                "Registries configured: %s",
                configured.stream().map(RegistryEndpoint::prefix).toList());
        return this;
    }

    public RegistryEndpoints endpoints() {
        return endpoints;
    }

    public RegistryEndpoint endpointFor(ImageRef image) {
        return endpoints.forImage(image);
    }

    /** The client for an endpoint, built on first use and reused afterwards. */
    public RegistryClient client(RegistryEndpoint endpoint) {
        return clients.computeIfAbsent(
                endpoint, e -> new RegistryClient(e, apis, permits, endpointCredentials(e), metrics, clock));
    }

    /** A catalog for one update cycle: each repository's tags are fetched at most once through it. */
    public TagCatalog newCatalog() {
        return new TagCatalog(this, executor, new CredentialCache(resolver, clock), metadataConcurrency);
    }

    /** Image metadata through an endpoint's client with its own credentials; content cached process-wide by digest. */
    public TagMetadata metadata(RegistryEndpoint endpoint) {
        return metadata(endpoint, client(endpoint).credentials());
    }

    /** Image metadata presenting the given credentials (an Application's pull secret, say). */
    TagMetadata metadata(RegistryEndpoint endpoint, ClientCredentials credentials) {
        return new TagMetadata(
                new ManifestFetcher(client(endpoint), credentials), metadataCache, endpoint.registryHost());
    }

    /**
     * Reads signature artifacts of an endpoint: with an Application's pull credentials when given (checked against
     * its namespace), else the endpoint's own.
     */
    public ArtifactReader artifacts(RegistryEndpoint endpoint, PullCredentials pull) {
        ClientCredentials presented =
                pull == null ? client(endpoint).credentials() : pullCredentials(credentialCache, endpoint, pull);
        return new ArtifactReader(client(endpoint), presented);
    }

    /** The process-wide cache of manifest and config content by digest. */
    public MetadataCache metadataCache() {
        return metadataCache;
    }

    /** The credentials of {@code registries.conf}: cached until {@code credsexpire}, secrets from our namespace. */
    private ClientCredentials endpointCredentials(RegistryEndpoint endpoint) {
        if (endpoint.credentials() == null) {
            return ClientCredentials.none();
        }
        CredentialRef ref;
        try {
            ref = CredentialRef.parse(endpoint.credentials());
        } catch (CredentialsException e) {
            throw new RegistryConfigException("registry " + endpoint.prefix() + ": " + e.getMessage(), e);
        }
        return ClientCredentials.of(
                credentialCache,
                ref,
                CredentialScope.updater(names(endpoint)),
                endpoint.credsExpire(),
                endpoint.registryHost());
    }

    /** Credentials an Application names (resolved once per cycle through the catalog's cache). */
    static ClientCredentials pullCredentials(CredentialCache cache, RegistryEndpoint endpoint, PullCredentials pull) {
        return ClientCredentials.of(
                cache,
                pull.ref(),
                CredentialScope.application(pull.namespace(), pull.application(), names(endpoint)),
                null,
                endpoint.registryHost());
    }

    /** What a pull secret's {@code auths} key may be written as for this endpoint. */
    private static List<String> names(RegistryEndpoint endpoint) {
        return List.of(endpoint.apiUrl().toString(), endpoint.prefix());
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
        clients.values().forEach(RegistryClient::close);
        clients.clear();
    }
}
