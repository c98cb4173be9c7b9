package io.imageupdater.webhook;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.RegistryEndpoint;
import io.imageupdater.registry.TagSortMode;
import io.imageupdater.updater.CycleOptions;
import io.imageupdater.updater.CycleRunner;
import io.imageupdater.updater.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** The parts a webhook test uses: applications in the mock API server, a webhook server, and HTTP posts to it. */
final class WebhookScene {
    private final KubernetesClient client;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookScene(KubernetesClient client) {
        this.client = client;
    }

    /** Every type's registry host, served by the registry at {@code api} (a test registry on loopback). */
    static List<RegistryEndpoint> everyTypeAt(URI api) {
        return Set.of(
                        "docker.io",
                        "ghcr.io",
                        "quay.io",
                        "harbor.example.com",
                        "registry.gitlab.example.com",
                        "myregistry.azurecr.io",
                        "registry.cn-hangzhou.aliyuncs.com",
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com")
                .stream()
                .map(prefix -> new RegistryEndpoint(
                        prefix,
                        prefix,
                        api,
                        false,
                        null,
                        null,
                        false,
                        true,
                        TagSortMode.NONE,
                        null,
                        prefix.equals("docker.io") ? "library" : null,
                        null))
                .toList();
    }

    static CycleOptions options(String namespace) {
        return new CycleOptions(new ApplicationFilter(Set.of(namespace), List.of(), null), false, 4);
    }

    static WebhookServer server(
            Vertx vertx, WebhookConfig config, CycleRunner runner, Leadership leadership, UpdaterMetrics metrics) {
        return new WebhookServer(vertx, config, runner, leadership, metrics);
    }

    /** A Kustomize Application tracking {@code imageList}, running {@code live}. */
    void application(String ns, String name, String imageList, String live) {
        Map<String, Object> spec = Map.of(
                "project",
                "default",
                "source",
                Map.of("repoURL", "https://git.example.com/shop.git", "path", "prod", "targetRevision", "HEAD"),
                "destination",
                Map.of("server", "https://kubernetes.default.svc", "namespace", ns));
        Map<String, Object> status = Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of(live)));
        GenericKubernetesResource app =
                Applications.application(ns, name, Map.of(), Map.of(Annotations.IMAGE_LIST, imageList), spec, status);
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .resource(app)
                .create();
    }

    /** {@code spec.source.kustomize.images} of the Application now, or null when none was written. */
    Object images(String ns, String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .withName(name)
                .get()
                .get("spec", "source", "kustomize", "images");
    }

    HttpResponse<String> post(int port, Map<String, String> query, Map<String, String> headers, byte[] body) {
        String queryString = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/webhook" + (queryString.isEmpty() ? "" : "?" + queryString)))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts the type's sample for {@code registry/repository:tag} with {@code secret} sent as that registry sends it. */
    HttpResponse<String> postSample(
            int port, WebhookType type, String secret, String registry, String repository, String tag) {
        byte[] body = Samples.body(type, registry, repository, tag);
        return post(port, Samples.query(type, secret), Samples.headers(type, secret, body), body);
    }

    HttpResponse<String> get(int port, String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Events of the type whose targeted cycle finished, so far. */
    static long processed(MeterRegistry meters, WebhookType type) {
        Timer timer = meters.find("argocd_image_updater_webhook_event_duration")
                .tag("type", type.value())
                .timer();
        return timer == null ? 0 : timer.count();
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
