package io.imageupdater.credentials.cloud;

import io.imageupdater.credentials.Credentials;
import java.time.Instant;
import java.util.Objects;

/**
 * Credentials a cloud issued and the instant they stop working. {@link #toString()} never shows them.
 *
 * @param credentials what to present (user name and token)
 * @param expiresAt   the token's own expiry (ECR {@code expiresAt}, GCP {@code expires_in}, ACR the refresh token's
 *                    {@code exp})
 */
public record CloudToken(Credentials credentials, Instant expiresAt) {
    public CloudToken {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "CloudToken[" + credentials + ", expiresAt=" + expiresAt + "]";
    }
}
