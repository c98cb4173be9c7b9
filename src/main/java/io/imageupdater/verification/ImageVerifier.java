package io.imageupdater.verification;

import io.imageupdater.image.ImageRef;
import io.imageupdater.registry.ArtifactReader;
import io.imageupdater.registry.PullCredentials;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryEndpoint;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies candidate images against a policy: finds their signatures in the registry ({@link SignatureDiscovery}) and
 * checks them ({@link SignatureChecker}). Verdicts are cached process-wide by (repository, digest, policy, who asked):
 * a steady-state cycle makes no request for them. An unsigned verdict holds only for the cycle that found it, so a
 * signature pushed after its image is found on a later cycle, at most one look a cycle. Registry failures are thrown
 * ({@link io.imageupdater.registry.RegistryException}) and never cached.
 */
@ApplicationScoped
public class ImageVerifier {

    private static final int MAX_ENTRIES = 10_000;

    private final Registries registries;
    private final SignatureDiscovery discovery = new SignatureDiscovery();
    private final Map<Key, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    @Inject
    public ImageVerifier(Registries registries) {
        this.registries = registries;
    }

    /**
     * The verdict for one candidate.
     *
     * @param image  the image (its repository is what counts)
     * @param digest the candidate's manifest (or index) digest
     * @param pull   an Application's pull credentials, or {@code null} for the registry's own
     * @param cycle  identifies the current cycle: an unsigned verdict of another cycle is looked at again
     */
    public Verdict verify(
            ImageRef image, String digest, VerificationPolicy policy, PullCredentials pull, Object cycle) {
        RegistryEndpoint endpoint = registries.endpointFor(image);
        String repository = registries.endpoints().repositoryPath(endpoint, image);
        Key key = new Key(
                endpoint.prefix() + "/" + repository,
                digest,
                policy.fingerprint(),
                pull == null ? "" : pull.namespace() + "/" + pull.ref());
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && (cached.verdict().reason() != RejectReason.UNSIGNED || cached.cycle() == cycle)) {
                return cached.verdict().remembered();
            }
        }
        ArtifactReader reader = registries.artifacts(endpoint, pull);
        Verdict verdict = verify(reader, repository, digest, policy);
        Log.debugf(
                "Verification of %s@%s with %s: %s (%s)",
                image.nameWithRegistry(), digest, policy.describe(), verdict.result(), verdict.detail());
        synchronized (cache) {
            cache.put(key, new Cached(verdict, cycle));
        }
        return verdict;
    }

    /** The digest a tag of the image's repository points to (one request), or empty when the tag is gone. */
    public java.util.Optional<String> digest(ImageRef image, String tag, PullCredentials pull) {
        RegistryEndpoint endpoint = registries.endpointFor(image);
        String repository = registries.endpoints().repositoryPath(endpoint, image);
        return registries.artifacts(endpoint, pull).digest(repository, tag);
    }

    /** Referrers first; the tag scheme when they hold nothing that verifies. */
    Verdict verify(ArtifactReader reader, String repository, String digest, VerificationPolicy policy) {
        List<SignatureEvidence> bundles = discovery.referrers(reader, repository, digest);
        Verdict fromBundles = bundles.isEmpty() ? null : SignatureChecker.check(bundles, digest, policy);
        if (fromBundles != null && fromBundles.verified()) {
            return fromBundles;
        }
        List<SignatureEvidence> layers = discovery.tagScheme(reader, repository, digest);
        Verdict fromTags = SignatureChecker.check(layers, digest, policy);
        if (fromBundles == null) {
            return fromTags;
        }
        return fromTags.verified() ? fromTags : fromBundles.worse(fromTags);
    }

    private record Key(String repository, String digest, String policy, String requester) {}

    private record Cached(Verdict verdict, Object cycle) {}
}
