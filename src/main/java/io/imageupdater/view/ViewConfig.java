package io.imageupdater.view;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Settings of the status page and the JSON API ({@code --ui-enabled}, {@code --ui-auth-token},
 * {@code --argocd-url}; {@code IMAGE_UPDATER_UI_ENABLED}, {@code IMAGE_UPDATER_UI_AUTH_TOKEN},
 * {@code IMAGE_UPDATER_ARGOCD_URL}).
 */
@ConfigMapping(prefix = "image-updater")
public interface ViewConfig {
    /** Whether {@code GET /} and {@code /api/v1/...} are served; off answers 404. */
    @WithName("ui-enabled")
    @WithDefault("true")
    boolean uiEnabled();

    /** When set, the page and the API require {@code Authorization: Bearer <token>}. */
    @WithName("ui-auth-token")
    Optional<String> uiAuthToken();

    /** The Argo CD UI ({@code https://argocd.example.com}); each Application links there when set. */
    @WithName("argocd-url")
    Optional<String> argocdUrl();
}
