package io.imageupdater.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.registry.Registries;
import io.imageupdater.updater.CycleOptions;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.CycleStatus;
import io.imageupdater.updater.InventoryReader;
import io.imageupdater.updater.LeaderElection;
import io.imageupdater.updater.LeaderElectionConfig;
import io.imageupdater.updater.Leadership;
import io.imageupdater.updater.LeaseSettings;
import io.imageupdater.updater.UpdaterConfig;
import io.imageupdater.webhook.WebhookConfig;
import io.imageupdater.webhook.WebhookServer;
import io.imageupdater.writeback.git.CommitMessage;
import io.imageupdater.writeback.git.GitConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: update Applications every interval, or once. Flag values reach the code through the
 * configuration (see {@link BootArguments}); the fields here declare and type-check them.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the updater against the current kube context.")
public class RunCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;

    @Option(
            names = "--once",
            description =
                    "Run one cycle, then exit: 0 if no Application or ImageUpdater resource had an error, 1 otherwise.")
    boolean once;

    @Option(names = "--dry-run", description = "Decide and log everything, write nothing.")
    boolean dryRun;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            description = "Time between cycles, like 2m or 1h30m (default 2m; IMAGE_UPDATER_INTERVAL).")
    String interval;

    @Option(
            names = "--cycle-timeout",
            paramLabel = "DURATION",
            description =
                    "How long one cycle may run before its remaining work is abandoned and reported (default 10m; IMAGE_UPDATER_CYCLE_TIMEOUT).")
    String cycleTimeout;

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

    @Option(
            names = "--annotations",
            arity = "0..1",
            paramLabel = "true|false",
            description =
                    "Also handle Applications outside every ImageUpdater resource from their annotations, as 0.x did (default true; IMAGE_UPDATER_ANNOTATIONS).")
    Boolean annotations;

    @Option(
            names = "--application-credential-sources",
            paramLabel = "SOURCE[,SOURCE…]",
            description =
                    "Credential sources pull secrets named by Applications and ImageUpdater images may use: pullsecret, secret, env, ext, aws, gcp, azure, auto (default pullsecret,secret; IMAGE_UPDATER_APPLICATION_CREDENTIAL_SOURCES).")
    String applicationCredentialSources;

    @Option(
            names = "--ui-enabled",
            arity = "0..1",
            paramLabel = "true|false",
            fallbackValue = "true",
            description =
                    "Serve the status page (GET /) and the JSON API (/api/v1/...) on the HTTP port (default true; IMAGE_UPDATER_UI_ENABLED).")
    String uiEnabled;

    @Option(
            names = "--ui-auth-token",
            paramLabel = "TOKEN",
            description =
                    "Require 'Authorization: Bearer TOKEN' for the status page and the JSON API (IMAGE_UPDATER_UI_AUTH_TOKEN; prefer the variable, flags show in ps).")
    String uiAuthToken;

    @Option(
            names = "--argocd-url",
            paramLabel = "URL",
            description = "The Argo CD UI, for a link per Application on the status page (IMAGE_UPDATER_ARGOCD_URL).")
    String argocdUrl;

    @Option(
            names = "--logformat",
            paramLabel = "FORMAT",
            description = "text or json (default text; IMAGE_UPDATER_LOGFORMAT).")
    String logformat;

    @Option(
            names = "--leader-election",
            paramLabel = "true|false",
            arity = "0..1",
            fallbackValue = "true",
            description = "Elect one active replica through a Lease (default: on when running in a cluster).")
    String leaderElection;

    @Option(
            names = "--git-commit-user",
            paramLabel = "NAME",
            description = "Author of Git write-back commits (default image-updater; GIT_COMMIT_USER).")
    String gitCommitUser;

    @Option(
            names = "--git-commit-email",
            paramLabel = "EMAIL",
            description = "E-mail of Git write-back commits (default noreply@imageupdater.io; GIT_COMMIT_EMAIL).")
    String gitCommitEmail;

    @Option(
            names = "--git-commit-message-path",
            paramLabel = "PATH",
            description = "Commit message template (see the template command; GIT_COMMIT_MESSAGE_PATH).")
    String gitCommitMessagePath;

    @Option(
            names = "--git-commit-sign-off",
            description = "Add a Signed-off-by trailer to Git write-back commits (GIT_COMMIT_SIGN_OFF).")
    boolean gitCommitSignOff;

    @Option(
            names = "--git-commit-signing-method",
            paramLabel = "none|ssh|openpgp",
            description = "Sign Git write-back commits with the signingKey of the git:secret: Secret, or the key file "
                    + "--git-commit-signing-key (default none; GIT_COMMIT_SIGNING_METHOD).")
    String gitCommitSigningMethod;

    @Option(
            names = "--git-commit-signing-key",
            paramLabel = "PATH",
            description = "Signing key file used when the Secret has no signingKey (GIT_COMMIT_SIGNING_KEY).")
    String gitCommitSigningKey;

    @Option(
            names = "--ssh-known-hosts-path",
            paramLabel = "PATH",
            description =
                    "SSH known_hosts for Git over SSH, besides argocd-ssh-known-hosts-cm (default /app/config/ssh/ssh_known_hosts).")
    String sshKnownHostsPath;

    @Option(
            names = "--git-push-attempts",
            paramLabel = "N",
            description = "Pushes tried when the branch moves meanwhile (default 3).")
    Integer gitPushAttempts;

    @Option(
            names = "--git-timeout",
            paramLabel = "DURATION",
            description = "How long one Git operation (connect, each wait for the server) may take (default 60s; "
                    + "IMAGE_UPDATER_GIT_TIMEOUT).")
    String gitTimeout;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--enable-webhook",
            arity = "0..1",
            paramLabel = "true|false",
            fallbackValue = "true",
            description = "Also serve registry webhooks on --webhook-port (ENABLE_WEBHOOK; ConfigMap webhook.enable).")
    String enableWebhook;

    @Mixin
    WebhookOptions webhookOptions;

    @Inject
    WebhookConfig webhookConfig;

    @Inject
    WebhookServer webhookServer;

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
    InventoryReader inventory;

    @Override
    public Integer call() {
        CycleOptions options;
        Duration every;
        LeaseSettings lease = null;
        try {
            LogLevels.apply(config.loglevel());
            every = runner.interval();
            registries.configure(config.registriesConf());
            options = runner.options(lister.defaultNamespace());
            if (!once && LeaseSettings.enabled(electionConfig, System.getenv())) {
                lease = LeaseSettings.of(electionConfig, client.getNamespace(), System.getenv(), RunCommand::hostName);
            }
            CommitMessage.fromFile(gitConfig.commitMessageFile());
            gitConfig.transportTimeout();
            if (!once && webhookConfig.enable()) {
                webhookServer.check();
            }
        } catch (ImageUpdaterException e) {
            System.err.println("error: " + e.getMessage());
            return BAD_CONFIG;
        }
        try {
            lister.checkAccess(options.filter());
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return FAILED;
        }
        status.apiReachable();
        Log.infof(
                "image-updater starting: namespaces=%s interval=%s dry-run=%s max-concurrent-apps=%d annotations=%s",
                options.filter().namespaces(),
                once ? "once" : config.interval(),
                options.dryRun(),
                options.maxConcurrentApps(),
                options.annotations());
        if (once) {
            return runner.runOnce(options)
                    .map(result -> result.hasErrors() ? FAILED : OK)
                    .orElse(FAILED);
        }
        inventory.watch(options.filter());
        if (lease != null) {
            CycleOptions leaderOptions = options;
            leadership
                    .attach(new LeaderElection(client, lease, leadership, () -> runner.runOnce(leaderOptions)))
                    .start();
        }
        if (webhookConfig.enable()) {
            try {
                webhookServer.start(options);
            } catch (ImageUpdaterException e) {
                System.err.println("error: " + e.getMessage());
                return FAILED;
            }
        }
        runner.schedule(options, every);
        exitZeroOnSigterm();
        Quarkus.waitForExit();
        return OK;
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "image-updater-" + ProcessHandle.current().pid();
        }
    }

    /**
     * SIGTERM is how Kubernetes stops a pod: treat it as an orderly exit (status 0) instead of the JVM's default
     * (shutdown hooks, then 143). Shutdown then drains the running cycle, see {@code CycleRunner.drain}.
     */
    static void exitZeroOnSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
            Log.info("SIGTERM received: starting no new work, finishing the running update cycle");
            Quarkus.asyncExit(OK);
        });
    }
}
