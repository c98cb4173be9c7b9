package io.imageupdater.updater;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the update cycle, from {@code application.properties}, environment variables
 * ({@code IMAGE_UPDATER_INTERVAL}, {@code MAX_CONCURRENT_APPS}, {@code ARGOCD_NAMESPACE}, …) or the
 * ConfigMap. Flags of the {@code run} command override them.
 */
@ConfigMapping(prefix = "image-updater")
public interface UpdaterConfig {
    /** How often a cycle runs, written as upstream writes durations ({@code 2m}). */
    @WithDefault("2m")
    String interval();

    @WithDefault("false")
    boolean dryRun();

    Optional<String> kubeconfig();

    /** registries.conf; when unset, {@code /app/config/registries.conf} is read if it exists. */
    Optional<String> registriesConfPath();

    /** {@link #registriesConfPath()} as a path, when one is set. */
    default Optional<Path> registriesConf() {
        return registriesConfPath().filter(path -> !path.isBlank()).map(Path::of);
    }

    /** Where Argo CD lives; defaults to the updater's own namespace (pod namespace, else the kube context's). */
    Optional<String> argocdNamespace();

    /** Namespaces whose Applications are watched; {@code *} for all. Defaults to the client's namespace. */
    Optional<List<String>> watchNamespaces();

    @WithDefault("10")
    int maxConcurrentApps();

    Optional<List<String>> matchApplicationName();

    Optional<String> matchApplicationLabel();

    @WithDefault("info")
    String loglevel();

    /** text or json; applied before boot (see the cli package), declared here so it is a known setting. */
    @WithDefault("text")
    String logformat();

    /**
     * How long one cycle may run; after that its remaining work is abandoned and reported. Liveness turns DOWN when,
     * while leading, no cycle has completed for three intervals plus this.
     */
    @WithDefault("10m")
    String cycleTimeout();

    /** On SIGTERM, how long a running cycle may take to finish its write-backs; keep it below the pod's grace period. */
    @WithDefault("20s")
    String shutdownGracePeriod();

    /**
     * Whether Applications outside every ImageUpdater resource are handled from their annotations (the 0.x way);
     * {@code false} leaves them alone.
     */
    @WithDefault("true")
    boolean annotations();
}
