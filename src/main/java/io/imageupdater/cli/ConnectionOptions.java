package io.imageupdater.cli;

import picocli.CommandLine.Option;

/**
 * Options shared by the commands that reach registries or the cluster. Like every flag in {@link ConfigFlags},
 * their values reach the code as configuration ({@code UpdaterConfig}), so the fields only declare and document them.
 */
class ConnectionOptions {

    @Option(
            names = "--kubeconfig",
            paramLabel = "PATH",
            description = "Kubernetes client configuration (default: the current context, or in-cluster).")
    String kubeconfig;

    @Option(
            names = "--registries-conf-path",
            paramLabel = "PATH",
            description =
                    "registries.conf (default /app/config/registries.conf if it exists; IMAGE_UPDATER_REGISTRIES_CONF_PATH).")
    String registriesConfPath;

    @Option(
            names = "--loglevel",
            paramLabel = "LEVEL",
            description = "trace, debug, info, warn or error (default info; IMAGE_UPDATER_LOGLEVEL).")
    String loglevel;
}
