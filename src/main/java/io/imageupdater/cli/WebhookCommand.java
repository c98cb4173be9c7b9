package io.imageupdater.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.registry.Registries;
import io.imageupdater.updater.CycleOptions;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.CycleStatus;
import io.imageupdater.updater.LeaderElection;
import io.imageupdater.updater.LeaderElectionConfig;
import io.imageupdater.updater.Leadership;
import io.imageupdater.updater.LeaseSettings;
import io.imageupdater.updater.UpdaterConfig;
import io.imageupdater.webhook.WebhookServer;
import io.imageupdater.writeback.git.CommitMessage;
import io.imageupdater.writeback.git.GitConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code webhook}: serve registry webhooks and run a targeted cycle per event, with no interval job. Flag values reach
 * the code through the configuration (see {@link BootArguments}); the fields here declare and type-check them.
 */
@Command(
        name = "webhook",
        mixinStandardHelpOptions = true,
        description = "Serves registry webhooks and updates the images each push concerns; polls nothing.")
public class WebhookCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Decide and log everything, write nothing.")
    boolean dryRun;

    @Option(
            names = "--argocd-namespace",
            paramLabel = "NS",
            description = "Namespace where Argo CD runs (default: the updater's own namespace; ARGOCD_NAMESPACE).")
    String argocdNamespace;

    @Option(
            names = "--watch-namespaces",
            paramLabel = "NS[,NS…]",
            description = "Namespaces whose Applications are watched, or * for all (default: the current namespace).")
    String watchNamespaces;

    @Option(
            names = "--max-concurrent-apps",
            paramLabel = "N",
            description = "Applications processed at once (default 10; MAX_CONCURRENT_APPS).")
    Integer maxConcurrentApps;

    @Option(
            names = "--match-application-name",
            paramLabel = "GLOB",
            description = "Only Applications whose name matches (repeatable).")
    List<String> matchApplicationName;

    @Option(
            names = "--match-application-label",
            paramLabel = "SELECTOR",
            description = "Only Applications matching this label selector.")
    String matchApplicationLabel;

    @Option(names = "--logformat", paramLabel = "FORMAT", description = "text or json (default text).")
    String logformat;

    @Option(
            names = "--leader-election",
            paramLabel = "true|false",
            arity = "0..1",
            fallbackValue = "true",
            description = "Elect one active replica through a Lease (default: on when running in a cluster).")
    String leaderElection;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    WebhookOptions webhookOptions;

    @Inject
    UpdaterConfig config;

    @Inject
    LeaderElectionConfig electionConfig;

    @Inject
    Leadership leadership;

    @Inject
    KubernetesClient client;

    @Inject
    GitConfig gitConfig;

    @Inject
    CycleRunner runner;

    @Inject
    CycleStatus status;

    @Inject
    Registries registries;

    @Inject
    ApplicationLister lister;

    @Inject
    WebhookServer server;

    @Override
    public Integer call() {
        CycleOptions options;
        LeaseSettings lease = null;
        try {
            LogLevels.apply(config.loglevel());
            registries.configure(config.registriesConf());
            options = runner.options(lister.defaultNamespace());
            if (LeaseSettings.enabled(electionConfig, System.getenv())) {
                lease = LeaseSettings.of(electionConfig, client.getNamespace(), System.getenv(), RunCommand::hostName);
            }
            CommitMessage.fromFile(gitConfig.commitMessageFile());
            gitConfig.transportTimeout();
            server.check();
        } catch (ImageUpdaterException e) {
            System.err.println("error: " + e.getMessage());
            return RunCommand.BAD_CONFIG;
        }
        try {
            lister.checkAccess(options.filter());
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return RunCommand.FAILED;
        }
        status.apiReachable();
        status.eventDriven();
        Log.infof(
                "image-updater webhook starting: namespaces=%s dry-run=%s max-concurrent-apps=%d annotations=%s",
                options.filter().namespaces(), options.dryRun(), options.maxConcurrentApps(), options.annotations());
        if (lease != null) {
            leadership
                    .attach(new LeaderElection(client, lease, leadership, () -> {}))
                    .start();
        }
        try {
            server.start(options);
        } catch (ImageUpdaterException e) {
            System.err.println("error: " + e.getMessage());
            return RunCommand.FAILED;
        }
        RunCommand.exitZeroOnSigterm();
        Quarkus.waitForExit();
        return RunCommand.OK;
    }
}
