package io.imageupdater.kubeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.imageupdater.argocd.ApplicationFilter;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.testing.KubeApi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 4: with 3,000 Applications in one namespace of a real API server, the updater's Application
 * list is paginated ({@code limit}/{@code continue}) and sees every Application exactly once.
 */
class ScaleKubeApiIT {
    private static final String NS = "fleet";
    private static final int APPLICATIONS = 3_000;
    private static KubeApi api;

    @BeforeAll
    static void start() throws Exception {
        api = KubeApi.start("scale");
        api.installArgoCdCrds();
        api.createNamespace(NS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = IntStream.range(0, APPLICATIONS)
                    .mapToObj(i -> pool.submit(() -> create(i)))
                    .collect(Collectors.toList());
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void create(int i) {
        GenericKubernetesResource app = api.admin()
                .getKubernetesSerialization()
                .unmarshal("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: app-%04d
                  namespace: fleet
                spec:
                  project: default
                  source: {repoURL: https://git.example.com/fleet.git, path: apps/%04d, targetRevision: HEAD}
                  destination: {server: https://kubernetes.default.svc, namespace: fleet}
                """.formatted(i, i), GenericKubernetesResource.class);
        if (i % 2 == 0) {
            app.getMetadata().setAnnotations(Map.of("argocd-image-updater.argoproj.io/image-list", "web=example/web"));
        }
        api.admin()
                .genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .resource(app)
                .create();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theApplicationListIsPaginatedAndSeesEveryApplicationOnce() {
        List<String> requests = new CopyOnWriteArrayList<>();
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                requests.add(request.method() + " " + request.uri());
            }
        };
        try (KubernetesClient client = api.adminWith(recorder)) {
            ApplicationLister lister = new ApplicationLister(client);

            List<ArgoApplication> all = lister.listAll(NS);
            List<ArgoApplication> annotated = lister.list(new ApplicationFilter(Set.of(NS), List.of(), null));

            assertEquals(APPLICATIONS, all.size());
            assertEquals(
                    APPLICATIONS,
                    all.stream().map(ArgoApplication::name).distinct().count(),
                    "each Application once");
            assertEquals(APPLICATIONS / 2, annotated.size());
            assertEquals(
                    APPLICATIONS / 2,
                    annotated.stream().map(ArgoApplication::name).distinct().count());
            List<String> lists = requests.stream()
                    .filter(r -> r.startsWith("GET ") && r.contains("/namespaces/fleet/applications"))
                    .toList();
            long pages = (APPLICATIONS + ApplicationLister.PAGE_SIZE - 1) / ApplicationLister.PAGE_SIZE;
            assertEquals(2 * pages, lists.size(), String.join("\n", lists));
            assertTrue(
                    lists.stream().allMatch(r -> r.contains("limit=" + ApplicationLister.PAGE_SIZE)), lists::toString);
            assertEquals(
                    2 * (pages - 1),
                    lists.stream().filter(r -> r.contains("continue=")).count(),
                    String.join("\n", lists));
        }
    }
}
