package io.imageupdater.credentials;

import java.util.EnumMap;
import java.util.Map;

/** Resolves any reference by handing it to the resolver for its kind of source. */
public final class CredentialSources implements CredentialResolver {

    private final Map<CredentialRef.Source, CredentialResolver> resolvers;

    private CredentialSources(Map<CredentialRef.Source, CredentialResolver> resolvers) {
        this.resolvers = Map.copyOf(resolvers);
    }

    /** Every source: {@code env:}, {@code ext:}, and {@code pullsecret:}/{@code secret:} through {@code kubernetes}. */
    public static CredentialSources of(CredentialResolver env, CredentialResolver kubernetes, CredentialResolver ext) {
        Map<CredentialRef.Source, CredentialResolver> map = new EnumMap<>(CredentialRef.Source.class);
        map.put(CredentialRef.Source.ENV, env);
        map.put(CredentialRef.Source.EXT, ext);
        map.put(CredentialRef.Source.PULL_SECRET, kubernetes);
        map.put(CredentialRef.Source.SECRET, kubernetes);
        return new CredentialSources(map);
    }

    /** Every source, the clouds' ({@code aws:}, {@code gcp:}, {@code azure:}, {@code auto}) through {@code cloud}. */
    public static CredentialSources of(
            CredentialResolver env, CredentialResolver kubernetes, CredentialResolver ext, CredentialResolver cloud) {
        Map<CredentialRef.Source, CredentialResolver> map = new EnumMap<>(of(env, kubernetes, ext).resolvers);
        for (CredentialRef.Source source : CredentialRef.Source.values()) {
            if (source.cloud()) {
                map.put(source, cloud);
            }
        }
        return new CredentialSources(map);
    }

    @Override
    public Credentials resolve(CredentialRef ref, CredentialScope scope) {
        return resolverFor(ref).resolve(ref, scope);
    }

    @Override
    public Credentials refresh(CredentialRef ref, CredentialScope scope, Credentials rejected) {
        return resolverFor(ref).refresh(ref, scope, rejected);
    }

    private CredentialResolver resolverFor(CredentialRef ref) {
        CredentialResolver resolver = resolvers.get(ref.source());
        if (resolver == null) {
            throw new UnsupportedCredentialSourceException(ref);
        }
        return resolver;
    }
}
