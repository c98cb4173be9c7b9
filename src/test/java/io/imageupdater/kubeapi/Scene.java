package io.imageupdater.kubeapi;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.KubeApi;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.testing.SshGitServer;
import io.imageupdater.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One namespace of a real API server set up as a user would: the shipped ServiceAccount, Role and RoleBinding
 * (rendered by kustomize, moved into the namespace; the Role possibly edited), a pull secret, an Argo CD repository
 * Secret with the AppProject that permits its repository, an SSH key Secret and the known-hosts ConfigMap, and three
 * Applications that need all of them:
 * {@code annotated} (0.x annotations, argocd write-back, pull secret), {@code crd-app} (an ImageUpdater, Git
 * write-back over HTTP with Argo CD's repository credentials) and {@code ssh-app} (Git write-back over SSH with
 * {@code git:secret:}). Each Application's image has a newer version in the registry.
 */
final class Scene implements AutoCloseable {
    static final String SERVICE_ACCOUNT = "argocd-image-updater";
    static final String REGISTRY_USER = "puller";
    static final String REGISTRY_PASSWORD = "pull-pass";
    static final String GIT_USER = "bot";
    static final String GIT_PASSWORD = "git-pass";

    final KubeApi api;
    final String ns;
    final String registryHost;
    final GitRemote httpRemote;
    final SmartHttpGitServer httpServer;
    final GitRemote sshRemote;
    final SshGitServer sshServer;
    private final String sshKey;

    private Scene(KubeApi api, String ns, String registryHost) {
        this.api = api;
        this.ns = ns;
        this.registryHost = registryHost;
        this.httpRemote = GitRemote.create(Map.of("crd/kustomization.yaml", "images: []\n"));
        this.httpServer = SmartHttpGitServer.start(httpRemote.repository(), GIT_USER, GIT_PASSWORD);
        this.sshRemote = GitRemote.create(Map.of("ssh/kustomization.yaml", "images: []\n"));
        KeyPair key = SshGitServer.newClientKey();
        this.sshServer = SshGitServer.start(sshRemote.repository(), key.getPublic());
        sshKey = SshGitServer.privateKeyText(key);
    }

    /** An API server named {@code name} with Argo CD's CRDs and the ImageUpdater CRD installed. */
    static KubeApi apiServer(String name) {
        KubeApi api = KubeApi.start(name);
        try {
            api.installArgoCdCrds();
            api.installImageUpdaterCrd();
            return api;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** Closes a registry and an API server a test class started (either is {@code null} when it never started). */
    static void stop(TestRegistry registry, KubeApi api) {
        if (registry != null) {
            registry.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** A registry with basic auth and the images the scene's Applications run (and newer ones). */
    static TestRegistry registry() {
        TestRegistry registry = TestRegistry.startWithBasicAuth(REGISTRY_USER, REGISTRY_PASSWORD);
        registry.pushAll("acme/web", "1.0.0", "1.1.0");
        registry.pushAll("acme/api", "0.1.0", "0.2.0");
        registry.pushAll("acme/ssh", "2.0.0", "2.1.0");
        return registry;
    }

    /** Sets the scene up in a new namespace; {@code role} edits the shipped Role first. */
    static Scene create(KubeApi api, String ns, TestRegistry registry, UnaryOperator<Role> role) {
        Scene scene = empty(api, ns, registry.host(), role);
        scene.installCredentials();
        scene.installApplications();
        return scene;
    }

    /** Only the namespace and the ServiceAccount with its (edited) Role: a test adds its own Applications. */
    static Scene empty(KubeApi api, String ns, String registryHost, UnaryOperator<Role> role) {
        api.createNamespace(ns);
        Scene scene = new Scene(api, ns, registryHost);
        scene.installRbac(role);
        return scene;
    }

    /** The shipped Role, as {@code kubectl kustomize kubernetes/} renders it. */
    static Role shippedRole(KubeApi api) {
        return api.kustomize().stream()
                .filter(Role.class::isInstance)
                .map(Role.class::cast)
                .findFirst()
                .orElseThrow();
    }

    /** A copy of {@code role} without its rule at {@code index}. */
    static Role without(Role role, int index) {
        List<PolicyRule> rules = new ArrayList<>(role.getRules());
        rules.remove(index);
        Role copy = new RoleBuilder(role).build();
        copy.setRules(rules);
        return copy;
    }

    private void installRbac(UnaryOperator<Role> edit) {
        KubernetesClient admin = api.admin();
        for (HasMetadata object : api.kustomize()) {
            if (!List.of("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")
                    .contains(object.getKind())) {
                continue;
            }
            HasMetadata copy = api.inNamespace(List.of(object), ns).get(0);
            if (copy instanceof Role role) {
                copy = edit.apply(role);
                copy.getMetadata().setNamespace(ns);
            }
            if (copy instanceof RoleBinding binding) {
                binding.getSubjects().stream()
                        .filter(s -> "ServiceAccount".equals(s.getKind()))
                        .forEach(s -> s.setNamespace(ns));
            }
            admin.resource(copy).inNamespace(ns).create();
        }
    }

    private void installCredentials() {
        KubernetesClient admin = api.admin();
        String auth = base64(REGISTRY_USER + ":" + REGISTRY_PASSWORD);
        admin.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("regcred")
                        .endMetadata()
                        .withType("kubernetes.io/dockerconfigjson")
                        .addToData(
                                ".dockerconfigjson",
                                base64("{\"auths\":{\"" + registryHost + "\":{\"auth\":\"" + auth + "\"}}}"))
                        .build())
                .create();
        admin.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("repo-shop")
                        .addToLabels("argocd.argoproj.io/secret-type", "repository")
                        .endMetadata()
                        .addToStringData("url", httpServer.url())
                        .addToStringData("username", GIT_USER)
                        .addToStringData("password", GIT_PASSWORD)
                        .build())
                .create();
        admin.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("ssh-creds")
                        .endMetadata()
                        .addToStringData("sshPrivateKey", sshKey)
                        .build())
                .create();
        admin.genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
                .inNamespace(ns)
                .resource(admin.getKubernetesSerialization()
                        .unmarshal("""
                        apiVersion: argoproj.io/v1alpha1
                        kind: AppProject
                        metadata:
                          name: default
                        spec:
                          sourceRepos: ["%s"]
                          destinations: [{server: "*", namespace: "*"}]
                        """.formatted(httpServer.url()), GenericKubernetesResource.class))
                .create();
        admin.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("argocd-ssh-known-hosts-cm")
                        .endMetadata()
                        .addToData("ssh_known_hosts", sshServer.knownHostsLine() + "\n")
                        .build())
                .create();
    }

    private void installApplications() {
        String pull = "pullsecret:" + ns + "/regcred";
        create(application(
                "annotated",
                "https://git.example.com/shop.git",
                "overlays/prod",
                Map.of(
                        "argocd-image-updater.argoproj.io/image-list",
                        "web=" + registryHost + "/acme/web",
                        "argocd-image-updater.argoproj.io/web.pull-secret",
                        pull),
                registryHost + "/acme/web:1.0.0"));
        create(application(
                "ssh-app",
                sshServer.url(),
                "ssh",
                Map.of(
                        "argocd-image-updater.argoproj.io/image-list",
                        "ssh=" + registryHost + "/acme/ssh",
                        "argocd-image-updater.argoproj.io/ssh.pull-secret",
                        pull,
                        "argocd-image-updater.argoproj.io/write-back-method",
                        "git:secret:ssh-creds"),
                registryHost + "/acme/ssh:2.0.0"));
        create(application("crd-app", httpServer.url(), "crd", Map.of(), registryHost + "/acme/api:0.1.0"));
        api.admin()
                .genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .resource(api.admin()
                        .getKubernetesSerialization()
                        .unmarshal("""
                        apiVersion: argocd-image-updater.argoproj.io/v1alpha1
                        kind: ImageUpdater
                        metadata:
                          name: api-updater
                        spec:
                          commonUpdateSettings:
                            pullSecret: %s
                          writeBackConfig:
                            method: git
                          applicationRefs:
                          - namePattern: crd-app
                            images:
                            - alias: api
                              imageName: %s/acme/api
                        """.formatted(pull, registryHost), GenericKubernetesResource.class))
                .create();
    }

    GenericKubernetesResource application(
            String name, String repoUrl, String path, Map<String, String> annotations, String live) {
        GenericKubernetesResource app = api.admin()
                .getKubernetesSerialization()
                .unmarshal("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: %s
                  labels: {team: shop}
                  finalizers: [resources-finalizer.argocd.argoproj.io]
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: %s
                    targetRevision: HEAD
                    kustomize:
                      namePrefix: prod-
                      commonLabels: {tier: web}
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    syncOptions: [CreateNamespace=true]
                  ignoreDifferences:
                  - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
                status:
                  sourceType: Kustomize
                  summary:
                    images: [%s]
                """.formatted(name, ns, repoUrl, path, live), GenericKubernetesResource.class);
        app.getMetadata().setAnnotations(new HashMap<>(annotations));
        return app;
    }

    GenericKubernetesResource create(GenericKubernetesResource app) {
        return api.admin()
                .genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .resource(app)
                .create();
    }

    GenericKubernetesResource read(String app) {
        return api.admin()
                .genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(app)
                .get();
    }

    GenericKubernetesResource imageUpdater() {
        return api.admin()
                .genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(ns)
                .withName("api-updater")
                .get();
    }

    /** Environment and arguments that run the packaged updater as the ServiceAccount, with leader election. */
    Updater start(String identity, Map<String, String> extraEnv) {
        Path kubeconfig = api.kubeconfig(ns, api.token(ns, SERVICE_ACCOUNT));
        Map<String, String> env = new HashMap<>(Map.of(
                "POD_NAME", identity,
                "POD_NAMESPACE", ns,
                "IMAGE_UPDATER_LOGLEVEL", "info"));
        env.putAll(extraEnv);
        return Updater.start(
                env, "run", "--kubeconfig", kubeconfig.toString(), "--leader-election=true", "--interval", "1h");
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        httpServer.close();
        httpRemote.close();
        sshServer.close();
        sshRemote.close();
    }
}
