package io.imageupdater.credentials.cloud;

import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialResolver;
import io.imageupdater.credentials.CredentialScope;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.credentials.UnsupportedCredentialSourceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;

/**
 * Resolves {@code aws:ecr[?role=<arn>]}, {@code gcp:artifact-registry}, {@code azure:acr} and {@code auto} for the
 * registry the scope names (its image prefix and API URL): ECR's account and region and ACR's name come from the
 * registry's host, ACR's token exchange goes to its API URL. Tokens are cached per cloud, registry and role until
 * shortly before they expire.
 */
@ApplicationScoped
public class CloudCredentialResolver implements CredentialResolver {

    private final CloudIdentities clouds;

    public CloudCredentialResolver(CloudIdentities clouds) {
        this.clouds = clouds;
    }

    @Override
    public Credentials resolve(CredentialRef ref, CredentialScope scope) {
        Target target = target(ref, scope);
        return clouds.tokens().get(target.key(), target.what(), target.source()).credentials();
    }

    @Override
    public Credentials refresh(CredentialRef ref, CredentialScope scope, Credentials rejected) {
        Target target = target(ref, scope);
        return clouds.tokens()
                .refresh(target.key(), target.what(), target.source(), rejected)
                .credentials();
    }

    /** What to fetch for whom: the cache key, the name used in messages and the token source. */
    private record Target(String key, String what, TokenSource source) {}

    private Target target(CredentialRef ref, CredentialScope scope) {
        if (!ref.source().cloud()) {
            throw new UnsupportedCredentialSourceException(ref);
        }
        String registry = scope.registries().isEmpty()
                ? "(unknown)"
                : CloudRegistry.host(scope.registries().getLast());
        Optional<CloudRegistry> recognised = recognised(scope);
        Cloud cloud = Cloud.of(ref.source());
        if (cloud == null) {
            cloud = recognised
                    .map(CloudRegistry::cloud)
                    .orElseThrow(() -> new CredentialsException("registry " + registry
                            + ": credentials \"auto\" need an ECR, Artifact Registry/GCR or ACR host, and " + registry
                            + " is none of them"));
        }
        String what = cloud.display() + " " + cloud.registrySource() + " credentials for registry " + registry;
        return switch (cloud) {
            case AWS -> aws(ref, recognised, registry, what);
            case GCP -> new Target("gcp", what, clouds.gcp().accessToken(what));
            case AZURE -> azure(scope, recognised, registry, what);
        };
    }

    private Target aws(CredentialRef ref, Optional<CloudRegistry> recognised, String registry, String what) {
        CloudRegistry ecr = recognised
                .filter(found -> found.cloud() == Cloud.AWS)
                .orElseThrow(() -> new CredentialsException(what + ": " + registry
                        + " is not an ECR host (<account>.dkr.ecr.<region>.amazonaws.com), so its account and"
                        + " region are unknown"));
        String role = ref.source() == CredentialRef.Source.AWS ? ref.field() : null;
        String key = "aws|" + ecr.account() + "|" + ecr.region() + "|" + ecr.fips() + "|" + role;
        return new Target(key, what, clouds.aws().ecr(ecr, role, what));
    }

    private Target azure(CredentialScope scope, Optional<CloudRegistry> recognised, String registry, String what) {
        String service = recognised
                .filter(found -> found.cloud() == Cloud.AZURE)
                .map(CloudRegistry::host)
                .orElse(registry);
        URI url = scope.registries().stream()
                .filter(name -> name.startsWith("https://") || name.startsWith("http://"))
                .map(URI::create)
                .findFirst()
                .orElse(URI.create("https://" + service));
        return new Target("azure|" + url + "|" + service, what, clouds.azure().acr(url, service, what));
    }

    /** The first of the scope's names (prefix, API URL) that is a cloud registry's host. */
    private static Optional<CloudRegistry> recognised(CredentialScope scope) {
        for (int i = scope.registries().size() - 1; i >= 0; i--) {
            Optional<CloudRegistry> found = CloudRegistry.of(scope.registries().get(i));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
