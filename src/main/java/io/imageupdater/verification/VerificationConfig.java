package io.imageupdater.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Settings of signature verification ({@code image-updater.verification.*}). */
@ConfigMapping(prefix = "image-updater.verification")
public interface VerificationConfig {

    /**
     * The TUF repository of the public-good Sigstore instance, whose {@code trusted_root.json} is the default trusted
     * root of keyless verification when none is configured.
     */
    @WithDefault("https://tuf-repo-cdn.sigstore.dev")
    URI publicGoodTufUrl();

    /** How long the public-good trusted root is kept before it is read again. */
    @WithDefault("24h")
    Duration publicGoodRefresh();
}
