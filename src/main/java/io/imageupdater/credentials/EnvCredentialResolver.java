package io.imageupdater.credentials;

import java.util.Objects;
import java.util.function.Function;

/** Resolves {@code env:VAR} references from the process environment ({@code user:password}). */
public class EnvCredentialResolver implements CredentialResolver {

    private final Function<String, String> environment;

    public EnvCredentialResolver() {
        this(System::getenv);
    }

    /** @param environment looks a variable up; {@code null} when unset */
    public EnvCredentialResolver(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Credentials resolve(CredentialRef ref, CredentialScope scope) {
        if (ref.source() != CredentialRef.Source.ENV) {
            throw new UnsupportedCredentialSourceException(ref);
        }
        String value = environment.apply(ref.name());
        if (value == null) {
            throw new CredentialsException(
                    "environment variable " + ref.name() + " (credential reference \"" + ref + "\") is not set");
        }
        return Credentials.parseUserPass(value, "env:" + ref.name());
    }
}
