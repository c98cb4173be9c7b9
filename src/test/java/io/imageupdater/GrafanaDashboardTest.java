package io.imageupdater;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.view.ViewScene;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard ({@code kubernetes/components/grafana-dashboard/}): every panel's PromQL, rendered with
 * Grafana's variables filled in, names only metrics that a scrape of {@code /q/metrics} after a cycle contains; the
 * component renders a ConfigMap the Grafana sidecar picks up; the README lists every panel.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GrafanaDashboardTest {
    static final Path COMPONENT = Path.of("kubernetes/components/grafana-dashboard");
    static final Path DASHBOARD = COMPONENT.resolve("image-updater-dashboard.json");

    /** What the issue asks the dashboard to show, as words a panel's title has. */
    static final List<String> REQUIRED_PANELS = List.of(
            "Cycle duration",
            "Cycle results",
            "Images updated per Application",
            "Image errors per Application",
            "Registry requests",
            "Registry failures",
            "Webhook events",
            "Rollbacks",
            "Pull requests");

    private static final Pattern METRIC = Pattern.compile("\\bargocd_image_updater_[a-z0-9_]+\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset");
    private static final Map<String, String> GRAFANA_VARIABLES =
            Map.of("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h");

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    CycleRunner runner;

    @Inject
    UpdaterMetrics metrics;

    @Test
    void everyPanelQueriesMetricsTheUpdaterExports() throws Exception {
        try (TestRegistry registry = TestRegistry.start()) {
            ViewScene.create(client, registry);
            ViewScene.cycle(runner);
        }
        // A cycle against one registry sends no webhook, opens no pull request and rolls nothing back; their
        // counters are registered on first use, so record one of each through the facade those features call.
        metrics.webhookEvent("distribution", "accepted");
        metrics.webhookProcessed("distribution", java.time.Duration.ofMillis(20));
        metrics.pullRequest("github", "opened");
        metrics.rolledBack("shop", null, null);
        Set<String> scraped = given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));

        Map<String, List<String>> queries = queries();
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        queries.forEach((panel, exprs) -> {
            if (exprs.isEmpty()) {
                problems.add(panel + ": no query");
            }
            for (String expr : exprs) {
                String rendered = render(expr);
                problems.addAll(syntax(panel, rendered));
                List<String> metrics = metrics(rendered);
                if (metrics.isEmpty()) {
                    problems.add(panel + ": names none of our metrics: " + rendered);
                }
                for (String metric : metrics) {
                    used.add(metric);
                    if (!scraped.contains(metric)) {
                        problems.add(panel + ": " + metric + " is not in /q/metrics");
                    }
                }
            }
        });
        assertEquals(List.of(), problems);
        for (String required : REQUIRED_PANELS) {
            assertTrue(queries.containsKey(required), "no panel \"" + required + "\": " + queries.keySet());
        }
    }

    @Test
    void theReadmeTablesEveryPanel() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String panel : queries().keySet()) {
            assertTrue(readme.contains("| " + panel + " |"), "README has no table row for panel \"" + panel + "\"");
        }
    }

    @Test
    void theComponentIsAConfigMapForTheGrafanaSidecar() throws Exception {
        Optional<List<JsonNode>> rendered = KubernetesManifestsTest.kubectlKustomize(
                Path.of("src/test/resources/kubernetes/with-grafana-dashboard"));
        String kustomization = Files.readString(COMPONENT.resolve("kustomization.yaml"));
        assertTrue(kustomization.contains("grafana_dashboard: \"1\""), kustomization);
        if (rendered.isEmpty()) {
            return; // no kubectl: the kustomization's text was checked above
        }
        JsonNode configMap = rendered.get().stream()
                .filter(doc -> "ConfigMap".equals(doc.path("kind").asText())
                        && "image-updater-grafana-dashboard"
                                .equals(doc.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the component renders no dashboard ConfigMap"));
        assertEquals(
                "1",
                configMap
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText());
        assertEquals(
                json.readTree(Files.readString(DASHBOARD)),
                json.readTree(configMap
                        .path("data")
                        .path("image-updater-dashboard.json")
                        .asText()));
    }

    /** Panel title → its queries, in dashboard order. */
    private Map<String, List<String>> queries() throws Exception {
        JsonNode dashboard = json.readTree(Files.readString(DASHBOARD));
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            List<String> exprs = new ArrayList<>();
            panel.path("targets")
                    .forEach(target -> exprs.add(target.path("expr").asText()));
            assertFalse(queries.containsKey(panel.path("title").asText()), "two panels named the same");
            queries.put(panel.path("title").asText(), exprs);
        }
        assertFalse(queries.isEmpty(), "the dashboard has no panels");
        return queries;
    }

    /** The query as Grafana sends it to Prometheus: its built-in variables filled in. */
    static String render(String expr) {
        String rendered = expr;
        for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
            rendered = rendered.replace(variable.getKey(), variable.getValue());
        }
        return rendered;
    }

    /** Brackets balance, no variable is left, and every bare name is a function, a keyword or one of our metrics. */
    static List<String> syntax(String panel, String expr) {
        List<String> problems = new ArrayList<>();
        if (expr.contains("$")) {
            problems.add(panel + ": an unknown variable is left in " + expr);
        }
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                break;
            }
        }
        if (depth != 0) {
            problems.add(panel + ": brackets do not balance in " + expr);
        }
        String bare = expr.replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?\\b", " ");
        Matcher names = IDENTIFIER.matcher(bare);
        while (names.find()) {
            String name = names.group();
            boolean function = bare.substring(names.end()).stripLeading().startsWith("(");
            if (!function && !PROMQL_WORDS.contains(name) && !name.startsWith("argocd_image_updater_")) {
                problems.add(panel + ": \"" + name + "\" is not one of our metrics in " + expr);
            }
        }
        return problems;
    }

    static List<String> metrics(String expr) {
        List<String> found = new ArrayList<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
