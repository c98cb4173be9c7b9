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

    @Override
    public Credentials resolve(CredentialRef ref, CredentialScope scope) {
        CredentialResolver resolver = resolvers.get(ref.source());
        if (resolver == null) {
            throw new UnsupportedCredentialSourceException(ref);
        }
        return resolver.resolve(ref, scope);
    }
}
