package io.imageupdater.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the credentials feature ({@code IMAGE_UPDATER_APPLICATION_CREDENTIAL_SOURCES}, …). */
@ConfigMapping(prefix = "image-updater")
public interface CredentialsConfig {

    /**
     * The credential sources references from Applications and ImageUpdater per-image settings may use:
     * {@code pullsecret}, {@code secret}, {@code env}, {@code ext} (comma-separated). {@code registries.conf} may use
     * all of them regardless.
     */
    @WithDefault(ApplicationCredentialSources.DEFAULT)
    String applicationCredentialSources();

    /** {@link #applicationCredentialSources()}, parsed; throws naming the setting when it is invalid. */
    default ApplicationCredentialSources applicationSources() {
        return ApplicationCredentialSources.parse(applicationCredentialSources());
    }
}
