package io.imageupdater.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The fabric8 mock API server (CRUD mode, loopback) holding a scenario's Applications, and a kubeconfig for it. */
final class BenchCluster implements AutoCloseable {
    private final CountingDispatcher dispatcher = new CountingDispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ByteCountingProxy proxy;
    private final Path kubeconfig;

    BenchCluster(Path workDir) throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        proxy = new ByteCountingProxy(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), URI.create(server.url("/")).getPort()));
        kubeconfig = workDir.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: bench
                  cluster:
                    server: %s
                contexts:
                - name: bench
                  context: {cluster: bench, namespace: default, user: bench}
                current-context: bench
                users:
                - name: bench
                  user: {token: not-a-secret}
                """.formatted(proxy.url()));
    }

    /** The size of the first Application as JSON, as the API server holds it. */
    int applicationBytes(Scenario scenario) {
        var app = client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(scenario.namespace(0))
                .withName("app-0")
                .get();
        return client.getKubernetesSerialization().asJson(app).length();
    }

    /** Bytes the API server sent to the updater so far. */
    long bytesFromServer() {
        return proxy.bytesFromServer();
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    Map<String, Long> counts() {
        return dispatcher.counts();
    }

    /** Creates the scenario's Applications: image i uses repository i mod R; every due one runs the second newest tag. */
    void createApplications(Scenario scenario, String registryHost) throws InterruptedException {
        String newest = scenario.tag(scenario.tags() - 1);
        String previous = scenario.tag(scenario.tags() - 2);
        ExecutorService creators = Executors.newFixedThreadPool(4);
        List<Future<?>> created = new ArrayList<>();
        for (int n = 0; n < scenario.applications(); n++) {
            int i = n;
            created.add(creators.submit(() -> create(scenario, registryHost, newest, previous, i)));
        }
        creators.shutdown();
        for (Future<?> future : created) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("creating an Application failed", e.getCause());
            }
        }
    }

    private void create(Scenario scenario, String registryHost, String newest, String previous, int i) {
        String namespace = scenario.namespace(i % scenario.namespaces());
        String image = registryHost + "/" + scenario.repository(i % scenario.repositories());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (scenario.newestBuild()) {
            annotations.put(Annotations.IMAGE_LIST, "app=" + image);
            annotations.put(Annotations.PREFIX + "app." + Annotations.UPDATE_STRATEGY_SUFFIX, "newest-build");
        } else {
            annotations.put(Annotations.IMAGE_LIST, "app=" + image + ":^1.0");
            annotations.put(Annotations.PREFIX + "app." + Annotations.UPDATE_STRATEGY_SUFFIX, "semver");
        }
        Map<String, Object> spec = Map.of(
                "project",
                "default",
                "destination",
                Map.of("server", "https://kubernetes.default.svc", "namespace", namespace),
                "source",
                Map.of(
                        "repoURL",
                        "https://git.example.com/fleet.git",
                        "path",
                        "apps/app-" + i,
                        "targetRevision",
                        "HEAD"));
        String live = image + ":" + (scenario.due(i) ? previous : newest);
        Map<String, Object> status = scenario.realistic()
                ? ArgoStatus.realistic(namespace, "app-" + i, live, spec)
                : Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(namespace)
                .resource(Applications.application(
                        namespace, "app-" + i, Map.of("team", "team-" + i % 7), annotations, spec, status))
                .create();
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        client.close();
        server.destroy();
    }
}
