package io.imageupdater.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fabric8 mock API server in CRUD mode on loopback, a client for it, and a kubeconfig file (context namespace
 * {@code apps}) that points the packaged application at it.
 */
final class MockApiServer implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    MockApiServer() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        try {
            kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: %s
                    contexts:
                    - name: mock
                      context: {cluster: mock, namespace: apps, user: mock}
                    current-context: mock
                    users:
                    - name: mock
                      user: {token: not-a-secret}
                    """.formatted(server.url("/").replaceAll("/$", "")));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    KubernetesClient client() {
        return client;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** A Kustomize Application with the given image list, running {@code live}. */
    void createApplication(String namespace, String name, String imageList, String live) {
        createApplication(namespace, name, imageList, live, Map.of());
    }

    /** As {@link #createApplication(String, String, String, String)}, with more annotations. */
    void createApplication(String namespace, String name, String imageList, String live, Map<String, String> more) {
        Map<String, String> annotations = new java.util.HashMap<>(more);
        annotations.put(Annotations.IMAGE_LIST, imageList);
        Map<String, Object> spec = Map.of(
                "project",
                "default",
                "source",
                Map.of("repoURL", "https://git.example.com/shop.git", "path", "prod", "targetRevision", "HEAD"));
        Map<String, Object> status = Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(namespace)
                .resource(Applications.application(namespace, name, Map.of(), annotations, spec, status))
                .create();
    }

    /** {@code spec.source.kustomize.images} of the Application as it is now. */
    Object kustomizeImages(String namespace, String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(namespace)
                .withName(name)
                .get()
                .get("spec", "source", "kustomize", "images");
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        try {
            if (kubeconfig != null) {
                Files.deleteIfExists(kubeconfig);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
