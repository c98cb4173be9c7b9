package io.imageupdater.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver (RBAC on) backed by a real etcd, started by fabric8's kube-api-test, for the
 * {@code *KubeApiIT} tier. Binaries come from {@code .ci/k8s-binaries.sh}'s cache: the system property
 * {@code image-updater.k8s.dir}, else {@code IMAGE_UPDATER_K8S_DIR}, else {@code ~/.cache/image-updater/k8s/<version>}.
 * Without them (and without an explicit directory) kube-api-test downloads envtest binaries where it can; where it
 * cannot, starting fails with one line naming the script.
 */
public final class KubeApi implements AutoCloseable {
    public static final String VERSION = "1.37.2";
    public static final String SCRIPT = ".ci/k8s-binaries.sh";
    private static final String PLATFORM = "-linux-amd64";

    private final KubeAPIServer server;
    private final Path testDir;
    private final Config adminConfig;
    private final KubernetesClient admin;

    private KubeApi(KubeAPIServer server, Path testDir) {
        this.server = server;
        this.testDir = testDir;
        this.adminConfig = Config.fromKubeconfig(server.getKubeConfigYaml());
        this.admin = new KubernetesClientBuilder().withConfig(adminConfig).build();
    }

    /** Starts etcd and kube-apiserver; {@code flags} are extra apiserver flags, such as {@code --audit-log-path}. */
    public static KubeApi start(String name, String... flags) {
        Path testDir = Path.of("target", "kube-api-test", name).toAbsolutePath();
        KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withUpdateKubeConfig(false)
                .withStartupTimeout(180_000)
                .withApiServerFlags(List.of(flags));
        Optional<Path> binaries = binaries();
        if (binaries.isPresent()) {
            link(binaries.get(), testDir);
            config.withTestDir(testDir.toString()).withApiServerVersion(VERSION).withOfflineMode(true);
        } else if (explicitDirectory().isPresent()) {
            throw missing(explicitDirectory().get(), null);
        } else {
            config.withTestDir(testDir.toString()).withOfflineMode(false);
        }
        KubeAPIServer server = new KubeAPIServer(config.build());
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            if (binaries.isEmpty()) {
                throw missing(defaultDirectory(), e);
            }
            throw e;
        }
        return new KubeApi(server, testDir);
    }

    private static IllegalStateException missing(Path directory, RuntimeException cause) {
        return new IllegalStateException("no kube-apiserver and etcd in " + directory + ": run " + SCRIPT
                + " (it builds them into that directory; IMAGE_UPDATER_K8S_DIR chooses another)"
                + (cause == null ? "" : "; kube-api-test could not download them either: " + cause.getMessage()));
    }

    /** The directory with {@code kube-apiserver} and {@code etcd}, when both are there. */
    static Optional<Path> binaries() {
        Path dir = explicitDirectory().orElseGet(KubeApi::defaultDirectory);
        return Files.isExecutable(dir.resolve("kube-apiserver")) && Files.isExecutable(dir.resolve("etcd"))
                ? Optional.of(dir)
                : Optional.empty();
    }

    private static Optional<Path> explicitDirectory() {
        String property = System.getProperty("image-updater.k8s.dir");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        String env = System.getenv("IMAGE_UPDATER_K8S_DIR");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
    }

    private static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "image-updater", "k8s", VERSION);
    }

    /** kube-api-test's layout: {@code <dir>/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}}. */
    private static void link(Path binaries, Path testDir) {
        Path target = testDir.resolve("k8s").resolve(VERSION + PLATFORM);
        try {
            Files.createDirectories(target);
            for (String binary : List.of("kube-apiserver", "etcd")) {
                replaceLink(target.resolve(binary), binaries.resolve(binary).toAbsolutePath());
            }
            Path kubectl = Files.isExecutable(binaries.resolve("kubectl"))
                    ? binaries.resolve("kubectl")
                    : which("kubectl")
                            .orElseThrow(() -> new IllegalStateException(
                                    "kube-api-test needs kubectl (its readiness check) on the PATH or in " + binaries));
            replaceLink(target.resolve("kubectl"), kubectl.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replaceLink(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static Optional<Path> which(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, command);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A client with the {@code system:masters} certificate. */
    public KubernetesClient admin() {
        return admin;
    }

    /** A client with the admin certificate and one more request interceptor (to watch or interleave requests). */
    public KubernetesClient adminWith(Interceptor interceptor) {
        return new KubernetesClientBuilder()
                .withConfig(adminConfig)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("test", interceptor))
                .build();
    }

    public String url() {
        return adminConfig.getMasterUrl();
    }

    public KubernetesClient client(String namespace, String token) {
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(adminConfig)
                .withClientCertData(null)
                .withClientCertFile(null)
                .withClientKeyData(null)
                .withClientKeyFile(null)
                .withOauthToken(token)
                .withNamespace(namespace)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public void createNamespace(String name) {
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }

    /** A token for a ServiceAccount from the TokenRequest API, valid for an hour. */
    public String token(String namespace, String serviceAccount) {
        return admin.serviceAccounts()
                .inNamespace(namespace)
                .withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(3600L)
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
    }

    /** A kubeconfig file that authenticates with {@code token} and has {@code namespace} as its namespace. */
    public Path kubeconfig(String namespace, String token) {
        try {
            Path file = Files.createTempFile(testDir, "kubeconfig-" + namespace, ".yaml");
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: kube-api-test
                      cluster:
                        server: %s
                        certificate-authority: %s
                    contexts:
                    - name: updater
                      context: {cluster: kube-api-test, namespace: %s, user: updater}
                    current-context: updater
                    users:
                    - name: updater
                      user: {token: %s}
                    """.formatted(
                            url().replaceAll("/$", ""), testDir.resolve("apiserver.crt"), namespace, token));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs Argo CD's Application and AppProject CRDs and waits until they are served. */
    public void installArgoCdCrds() {
        for (String file : List.of("application-crd.yaml", "appproject-crd.yaml")) {
            try (InputStream in = Files.newInputStream(argoCdCrds().resolve(file))) {
                for (HasMetadata crd : admin.load(in).items()) {
                    install((CustomResourceDefinition) crd);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Installs the ImageUpdater CRD that {@code kubectl kustomize kubernetes/} renders and waits until it is served. */
    public void installImageUpdaterCrd() {
        kustomize().stream()
                .filter(CustomResourceDefinition.class::isInstance)
                .forEach(crd -> install((CustomResourceDefinition) crd));
    }

    /**
     * Applies a CRD and waits until it is established and its resources can be listed: right after establishing, a
     * list may still be answered 429 while the server's watch cache initialises.
     */
    private void install(CustomResourceDefinition crd) {
        admin.resource(crd).serverSideApply();
        admin.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(crd.getMetadata().getName())
                .waitUntilCondition(KubeApi::established, 60, TimeUnit.SECONDS);
        var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup())
                .withVersion(crd.getSpec().getVersions().get(0).getName())
                .withPlural(crd.getSpec().getNames().getPlural())
                .withKind(crd.getSpec().getNames().getKind())
                .withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                admin.genericKubernetesResources(context).inAnyNamespace().list();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * Argo CD v3.5.1's CRDs: the system property {@code image-updater.argocd-crds}, else
     * {@code IMAGE_UPDATER_ARGOCD_CRDS}, else {@code ../shared/argocd-crds} next to the project (or next to one of
     * its parent directories, for a checkout in a subdirectory such as a worktree), else the unchanged copy of the
     * same files in {@code src/test/resources/kubeapi/argocd-crds}.
     */
    public static Path argoCdCrds() {
        String property = System.getProperty("image-updater.argocd-crds");
        String env = System.getenv("IMAGE_UPDATER_ARGOCD_CRDS");
        Path dir = property != null && !property.isBlank()
                ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env) : sharedCrds();
        if (!Files.isRegularFile(dir.resolve("application-crd.yaml"))) {
            throw new IllegalStateException("Argo CD's CRDs (application-crd.yaml, appproject-crd.yaml of v3.5.1) are"
                    + " not in " + dir.toAbsolutePath().normalize()
                    + ": put them there or set IMAGE_UPDATER_ARGOCD_CRDS to their directory");
        }
        return dir;
    }

    private static Path sharedCrds() {
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("argocd-crds");
            if (Files.isRegularFile(candidate.resolve("application-crd.yaml"))) {
                return candidate;
            }
        }
        // the same release's files, copied unchanged, for a checkout with no shared fixtures beside it
        return Path.of("src", "test", "resources", "kubeapi", "argocd-crds");
    }

    /** What {@code kubectl kustomize kubernetes/} renders, as objects. */
    public List<HasMetadata> kustomize() {
        return admin.load(new ByteArrayInputStream(render().getBytes(StandardCharsets.UTF_8)))
                .items();
    }

    public static String render() {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Process process = new ProcessBuilder("kubectl", "kustomize", "kubernetes/")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize kubernetes/ failed: " + Files.readString(out));
            }
            String yaml = Files.readString(out);
            Files.delete(out);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies of {@code objects} in {@code namespace}. */
    public List<HasMetadata> inNamespace(List<HasMetadata> objects, String namespace) {
        List<HasMetadata> copies = new ArrayList<>();
        for (HasMetadata object : objects) {
            HasMetadata copy = admin.getKubernetesSerialization().clone(object);
            copy.getMetadata().setNamespace(namespace);
            copies.add(copy);
        }
        return copies;
    }

    @Override
    public void close() {
        admin.close();
        server.stop();
    }
}
