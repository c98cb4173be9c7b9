package io.imageupdater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kustomize base, rendered with {@code kubectl kustomize kubernetes/} where kubectl is installed (CI installs
 * it), else read from the files its kustomization.yaml lists with its namespace applied: probes, hardening and RBAC
 * as the code needs them.
 */
class KubernetesManifestsTest {

    /**
     * Every Kubernetes call the updater makes, and who makes it. This table is the source of truth for the Role:
     * a new call means a new row here, and the Role must then match again (no verb missing, none extra).
     */
    static final List<Access> CODE_NEEDS = List.of(
            new Access("argoproj.io", "applications", "list", "argocd.ApplicationLister (cycle gather, access check)"),
            new Access(
                    "argoproj.io",
                    "applications",
                    "get",
                    "writeback.argocd.ApplicationPatcher (fresh read after a failed test), "
                            + "updater.SafetyRecorder (fresh read before writing the safety annotations)"),
            new Access(
                    "argoproj.io",
                    "applications",
                    "patch",
                    "writeback.argocd.ApplicationPatcher (JSON Patch with test operations), "
                            + "updater.SafetyRecorder (merge patch of the safety annotations)"),
            new Access("argoproj.io", "applications", "watch", "argocd.ApplicationWatch (informers of run, issue 13)"),
            new Access("argocd-image-updater.argoproj.io", "imageupdaters", "list", "argocd.crd.ImageUpdaterLister"),
            new Access(
                    "argocd-image-updater.argoproj.io",
                    "imageupdaters/status",
                    "patch",
                    "updater.ResourceStatusWriter (merge patch of the status subresource)"),
            // The ImageUpdater rules upstream 1.x grants and its users' RBAC reviews expect (issue 5 names them);
            // not called by this code today.
            new Access(
                    "argocd-image-updater.argoproj.io", "imageupdaters", "get", "upstream-compatible Role (issue 5)"),
            new Access(
                    "argocd-image-updater.argoproj.io", "imageupdaters", "watch", "upstream-compatible Role (issue 5)"),
            new Access(
                    "argocd-image-updater.argoproj.io",
                    "imageupdaters/status",
                    "get",
                    "upstream-compatible Role (issue 5)"),
            new Access(
                    "argocd-image-updater.argoproj.io",
                    "imageupdaters/status",
                    "update",
                    "upstream-compatible Role (issue 5)"),
            new Access(
                    "",
                    "events",
                    "create",
                    "writeback.argocd.ApplicationEvents (ImagesUpdated; ImageRolledBack and UpdatePending for "
                            + "updater.SafetyRecorder)"),
            new Access(
                    "",
                    "secrets",
                    "get",
                    "credentials.KubernetesCredentialResolver (pullsecret:, secret:), "
                            + "writeback.git.GitCredentialSource (git:secret:)"),
            new Access(
                    "",
                    "secrets",
                    "list",
                    "writeback.git.GitCredentialSource (Argo CD repository / repo-creds Secrets)"),
            new Access("", "configmaps", "get", "writeback.git.GitCredentialSource (argocd-ssh-known-hosts-cm)"),
            new Access(
                    "argoproj.io",
                    "appprojects",
                    "get",
                    "writeback.git.GitCredentialSource (AppProject of a repocreds write-back)"),
            new Access("coordination.k8s.io", "leases", "get", "updater.LeaderElection (fabric8 LeaseLock)"),
            new Access("coordination.k8s.io", "leases", "create", "updater.LeaderElection (fabric8 LeaseLock)"),
            new Access("coordination.k8s.io", "leases", "patch", "updater.LeaderElection (fabric8 LeaseLock renew)"));

    record Access(String group, String resource, String verb, String caller) {}

    private static final Set<String> CLUSTER_SCOPED =
            Set.of("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path BASE = Path.of("kubernetes");
    private static List<JsonNode> rendered;

    @BeforeAll
    static void render() throws Exception {
        rendered = kubectlKustomize(BASE).orElse(readListedFiles(BASE));
    }

    @Test
    void everythingLandsInTheArgocdNamespace() {
        assertEquals(
                Set.of(
                        "CustomResourceDefinition",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding",
                        "ConfigMap",
                        "Deployment",
                        "Service"),
                rendered.stream().map(doc -> doc.path("kind").asText()).collect(Collectors.toSet()));
        rendered.stream()
                .filter(doc -> !CLUSTER_SCOPED.contains(doc.path("kind").asText()))
                .forEach(doc -> assertEquals(
                        "argocd", doc.path("metadata").path("namespace").asText(), doc.toString()));
    }

    @Test
    void roleGrantsExactlyWhatTheCodeNeeds() {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (JsonNode rule : one("Role").path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        granted.computeIfAbsent(group.asText() + "/" + resource.asText(), k -> new TreeSet<>())
                                .add(verb.asText());
                    }
                }
            }
        }
        Map<String, Set<String>> needed = new TreeMap<>();
        CODE_NEEDS.forEach(a -> needed.computeIfAbsent(a.group() + "/" + a.resource(), k -> new TreeSet<>())
                .add(a.verb()));
        assertEquals(needed, granted);
        assertFalse(granted.values().stream().anyMatch(verbs -> verbs.contains("*")));
        JsonNode binding = one("RoleBinding");
        assertEquals(
                "argocd-image-updater", binding.path("roleRef").path("name").asText());
        assertEquals(
                "argocd-image-updater",
                binding.path("subjects").path(0).path("name").asText());
        assertEquals("argocd-image-updater", pod().path("serviceAccountName").asText());
    }

    @Test
    void probesUseTheHealthEndpointsOnTheHttpPort() {
        JsonNode container = container();
        assertEquals(
                "/q/health/ready",
                container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals(
                "/q/health/live",
                container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(
                "http",
                container.path("readinessProbe").path("httpGet").path("port").asText());
        assertEquals(
                "http",
                container.path("livenessProbe").path("httpGet").path("port").asText());
        assertEquals(8080, container.path("ports").path(0).path("containerPort").asInt());
        assertEquals(
                "http",
                one("Service")
                        .path("spec")
                        .path("ports")
                        .path(0)
                        .path("targetPort")
                        .asText());
    }

    @Test
    void containerIsHardened() {
        JsonNode pod = pod().path("securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("runAsUser").asInt() > 0);
        assertEquals("RuntimeDefault", pod.path("seccompProfile").path("type").asText());
        JsonNode container = container().path("securityContext");
        assertTrue(container.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(container.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals(List.of("ALL"), texts(container.path("capabilities").path("drop")));
        assertTrue(container.path("capabilities").path("add").isMissingNode());
        JsonNode resources = container().path("resources");
        assertFalse(resources.path("requests").path("memory").isMissingNode());
        assertFalse(resources.path("requests").path("cpu").isMissingNode());
        assertFalse(resources.path("limits").path("memory").isMissingNode());
    }

    @Test
    void shutdownGracePeriodFitsInsideThePodsTerminationGracePeriod() {
        Duration drain = GoDuration.parse(
                env("IMAGE_UPDATER_SHUTDOWN_GRACE_PERIOD").path("value").asText("20s"));
        Duration pod =
                Duration.ofSeconds(pod().path("terminationGracePeriodSeconds").asLong(30));
        assertTrue(drain.plusSeconds(5).compareTo(pod) <= 0, drain + " drain vs " + pod + " pod grace");
    }

    @Test
    void leaderElectionIdentityComesFromTheDownwardApi() {
        assertEquals(
                "metadata.name",
                env("POD_NAME")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText());
        assertEquals(
                "metadata.namespace",
                env("POD_NAMESPACE")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText());
    }

    @Test
    void configMapKeysAreUpstreamsAndEachReachesTheContainer() {
        JsonNode data = one("ConfigMap").path("data");
        assertEquals(
                "argocd-image-updater-config",
                one("ConfigMap").path("metadata").path("name").asText());
        Set<String> referenced = new TreeSet<>();
        for (JsonNode env : container().path("env")) {
            JsonNode ref = env.path("valueFrom").path("configMapKeyRef");
            if (!ref.isMissingNode()) {
                assertEquals("argocd-image-updater-config", ref.path("name").asText());
                referenced.add(ref.path("key").asText());
            }
        }
        for (JsonNode volume : pod().path("volumes")) {
            volume.path("configMap")
                    .path("items")
                    .forEach(item -> referenced.add(item.path("key").asText()));
        }
        Set<String> keys = new TreeSet<>();
        data.fieldNames().forEachRemaining(keys::add);
        assertTrue(referenced.containsAll(keys), "every key in the ConfigMap reaches the container: " + referenced);
        assertEquals(
                Set.of(
                        "interval",
                        "log.level",
                        "log.format",
                        "max_concurrent_apps",
                        "registries.conf",
                        "git.user",
                        "git.email",
                        "git.commit-message-template"),
                referenced,
                "upstream's keys");
    }

    @Test
    void fallbackRendererAgreesWithKubectlOnWhatTheTestsRead() throws Exception {
        List<JsonNode> fallback = readListedFiles(BASE);
        for (String kind : List.of("Role", "RoleBinding", "Deployment", "ConfigMap", "Service")) {
            JsonNode ours = fallback.stream()
                    .filter(doc -> kind.equals(doc.path("kind").asText()))
                    .findFirst()
                    .orElseThrow();
            JsonNode theirs = one(kind);
            assertEquals(
                    theirs.path("metadata").path("namespace"),
                    ours.path("metadata").path("namespace"),
                    kind);
            assertEquals(theirs.path("rules"), ours.path("rules"), kind);
            assertEquals(
                    theirs.path("spec").path("template").path("spec").path("containers"),
                    ours.path("spec").path("template").path("spec").path("containers"),
                    kind);
        }
    }

    private static JsonNode env(String name) {
        return StreamSupport.stream(container().path("env").spliterator(), false)
                .filter(env -> name.equals(env.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static JsonNode pod() {
        return one("Deployment").path("spec").path("template").path("spec");
    }

    private static JsonNode container() {
        JsonNode containers = pod().path("containers");
        assertEquals(1, containers.size());
        return containers.path(0);
    }

    private static JsonNode one(String kind) {
        List<JsonNode> found = rendered.stream()
                .filter(doc -> kind.equals(doc.path("kind").asText()))
                .toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** {@code kubectl kustomize DIR}, or empty when kubectl is not installed. */
    static Optional<List<JsonNode>> kubectlKustomize(Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + " failed: " + err);
        return Optional.of(documents(out));
    }

    /** The fallback renderer: the files listed under {@code resources}, with the kustomization's namespace set. */
    static List<JsonNode> readListedFiles(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        String namespace = kustomization.path("namespace").asText();
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            for (JsonNode doc : documents(Files.readString(dir.resolve(resource.asText())))) {
                if (!CLUSTER_SCOPED.contains(doc.path("kind").asText())) {
                    ((ObjectNode) doc.path("metadata")).put("namespace", namespace);
                }
                if ("RoleBinding".equals(doc.path("kind").asText())) {
                    doc.path("subjects").forEach(subject -> ((ObjectNode) subject).put("namespace", namespace));
                }
                docs.add(doc);
            }
        }
        return docs;
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            });
        }
        return docs;
    }
}
