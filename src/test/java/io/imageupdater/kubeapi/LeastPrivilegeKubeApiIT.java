package io.imageupdater.kubeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.imageupdater.testing.KubeApi;
import io.imageupdater.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, point 2: with RBAC on, the updater running as the shipped ServiceAccount (a TokenRequest token, the
 * shipped Role and RoleBinding, nothing else) completes a full cycle; and for each rule of the shipped Role, a run
 * without that rule fails in the path that needs it. The rules and the failures expected come from README.md's RBAC
 * table, which must list exactly the Role's rules.
 */
class LeastPrivilegeKubeApiIT {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static KubeApi api;
    private static TestRegistry registry;
    private static int namespaces;

    /** One row of README.md's RBAC table. */
    record Row(String apiGroup, String resource, List<String> verbs, String neededFor, String failure) {
        PolicyRule asRule() {
            return new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder()
                    .withApiGroups(apiGroup)
                    .withResources(resource)
                    .withVerbs(verbs)
                    .build();
        }

        @Override
        public String toString() {
            return apiGroup + "/" + resource + " " + verbs;
        }
    }

    @BeforeAll
    static void start() {
        api = Scene.apiServer("least-privilege");
        registry = Scene.registry();
    }

    @AfterAll
    static void stop() {
        Scene.stop(registry, api);
    }

    /** The rows of the table under README.md's "RBAC" heading. */
    static List<Row> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("### RBAC")) {
                heading = i;
                break;
            }
        }
        assertTrue(heading >= 0, "README.md has no '### RBAC' section");
        List<Row> rows = new ArrayList<>();
        for (int i = heading + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|") || line.startsWith("| API group") || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = Stream.of(line.substring(1, line.length() - 1).split("\\|"))
                    .map(cell -> cell.strip().replace("`", ""))
                    .toArray(String[]::new);
            rows.add(new Row(
                    cells[0].equals("(core)") ? "" : cells[0],
                    cells[1],
                    List.of(cells[2].split(",\\s*")),
                    cells[3],
                    cells[4]));
        }
        return rows;
    }

    static List<Row> rows() throws IOException {
        return readmeTable();
    }

    @Test
    void theReadmeTableListsExactlyTheShippedRoleRules() throws IOException {
        Role role = Scene.shippedRole(api);
        assertEquals(
                role.getRules().stream().map(LeastPrivilegeKubeApiIT::describe).toList(),
                readmeTable().stream()
                        .map(Row::asRule)
                        .map(LeastPrivilegeKubeApiIT::describe)
                        .toList());
    }

    private static String describe(PolicyRule rule) {
        return rule.getApiGroups() + " " + rule.getResources() + " " + rule.getVerbs();
    }

    @Test
    void theShippedRoleSufficesForAFullCycle() {
        try (Scene scene = Scene.create(api, "full", registry, UnaryOperator.identity());
                Updater updater = scene.start("updater-full", Map.of())) {
            String log = updater.awaitAny(RUN, Updater.CYCLE_FINISHED);
            updater.close();
            log = updater.log();

            assertTrue(
                    log.contains(
                            "cycle finished: applications=3 images=3 updated=3 skipped=0 errors=0 imageupdaters=1"),
                    log);
            assertFalse(log.contains("ERROR"), log);
            assertFalse(log.contains("forbidden"), log);
            String web = scene.registryHost + "/acme/web:1.1.0";
            assertEquals(List.of(web), scene.read("annotated").get("spec", "source", "kustomize", "images"), log);
            assertTrue(scene.httpRemote
                    .file("main", "crd/.argocd-source-crd-app.yaml")
                    .contains("acme/api:0.2.0"));
            assertTrue(scene.sshRemote
                    .file("main", "ssh/.argocd-source-ssh-app.yaml")
                    .contains("acme/ssh:2.1.0"));
            GenericKubernetesResource status = scene.imageUpdater();
            assertEquals(1, ((Number) status.get("status", "applicationsMatched")).intValue(), status.toString());
            assertTrue(
                    api.admin().v1().events().inNamespace("full").list().getItems().stream()
                            .anyMatch(e -> "ImagesUpdated".equals(e.getReason())
                                    && "annotated".equals(e.getInvolvedObject().getName())),
                    "an ImagesUpdated Event");
            Lease lease = api.admin()
                    .leases()
                    .inNamespace("full")
                    .withName("argocd-image-updater-leader")
                    .get();
            assertNotNull(lease, "the leader Lease");
        }
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("rows")
    void eachRuleIsNeeded(Row row) {
        Role shipped = Scene.shippedRole(api);
        int index = shipped.getRules().stream()
                .map(LeastPrivilegeKubeApiIT::describe)
                .toList()
                .indexOf(describe(row.asRule()));
        assertTrue(index >= 0, row + " is not a rule of the shipped Role");
        String ns = "without-" + ++namespaces;
        try (Scene scene = Scene.create(api, ns, registry, role -> Scene.without(role, index));
                Updater updater = scene.start("updater-" + ns, Map.of())) {
            String log = updater.awaitAny(RUN, row.failure(), Updater.CYCLE_FINISHED);
            if (!log.contains(row.failure()) && updater.isAlive()) {
                // the status and some logging follow the summary line
                Updater.sleep(3000);
                log = updater.log();
            }
            assertTrue(log.contains(row.failure()), "without " + row + " expected: " + row.failure() + "\n" + log);
        }
    }
}
