package io.imageupdater.argocd;

import static io.imageupdater.argocd.Applications.application;
import static io.imageupdater.argocd.Applications.imageList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ApplicationListerTest {
    private static final Map<String, Object> SPEC = Map.of("source", Map.of("repoURL", "https://git.example/a"));

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ApplicationLister lister;

    @BeforeEach
    void createApplications() {
        var apps = client.genericKubernetesResources(ArgoApplication.CONTEXT);
        for (String ns : List.of("argocd", "team-a", "team-b")) {
            apps.inNamespace(ns).delete();
        }
        create("argocd", "web-prod", Map.of("app", "web", "env", "prod", "tier", "front"), imageList("acme/web"));
        create("argocd", "web-staging", Map.of("app", "web", "env", "staging", "tier", "front"), imageList("acme/web"));
        create("argocd", "db-prod", Map.of("app", "db", "env", "prod", "tier", "db"), imageList("acme/db"));
        create("argocd", "plain", Map.of("app", "web", "env", "prod"), Map.of("other", "x"));
        create("team-a", "api", Map.of("app", "api", "env", "dev"), imageList("acme/api"));
        create("team-b", "worker", Map.of("app", "worker", "env", "prod"), imageList("acme/worker"));
    }

    private void create(String ns, String name, Map<String, String> labels, Map<String, String> annotations) {
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(ns)
                .resource(application(ns, name, labels, annotations, SPEC, null))
                .create();
    }

    private List<String> list(Set<String> namespaces, List<String> globs, String selector) {
        return lister.list(new ApplicationFilter(namespaces, globs, selector)).stream()
                .map(ArgoApplication::ref)
                .sorted()
                .toList();
    }

    @Test
    void listsAnnotatedApplicationsOfOneNamespace() {
        assertEquals(
                List.of("argocd/db-prod", "argocd/web-prod", "argocd/web-staging"),
                list(Set.of("argocd"), List.of(), null));
    }

    @Test
    void listsSeveralNamespaces() {
        assertEquals(List.of("team-a/api", "team-b/worker"), list(Set.of("team-a", "team-b"), List.of(), null));
    }

    @Test
    void starListsAllNamespacesInOneCall() {
        assertEquals(
                List.of("argocd/db-prod", "argocd/web-prod", "argocd/web-staging", "team-a/api", "team-b/worker"),
                list(Set.of("*"), List.of(), null));
        assertEquals(1, ApplicationLister.requestsFor(new ApplicationFilter(Set.of("*", "argocd"), List.of(), null)));
        assertEquals(2, ApplicationLister.requestsFor(new ApplicationFilter(Set.of("a", "b"), List.of(), null)));
    }

    @Test
    void unannotatedApplicationsAreExcluded() {
        assertEquals(List.of(), list(Set.of("argocd"), List.of("plain"), null));
    }

    @Test
    void nameGlobsMatchAny() {
        assertEquals(List.of("argocd/web-prod", "argocd/web-staging"), list(Set.of("*"), List.of("web-*"), null));
        assertEquals(List.of("argocd/db-prod", "team-a/api"), list(Set.of("*"), List.of("db-*", "a?i"), null));
    }

    @Test
    void labelSelectorWithEqualityAndInequality() {
        assertEquals(
                List.of("argocd/web-prod", "argocd/web-staging"),
                list(Set.of("argocd"), List.of(), "app=web,tier!=db"));
    }

    @Test
    void labelSelectorWithSetMembership() {
        assertEquals(
                List.of("argocd/db-prod", "argocd/web-prod", "team-b/worker"),
                list(Set.of("*"), List.of(), "env in (prod)"));
        assertEquals(List.of("argocd/web-staging", "team-a/api"), list(Set.of("*"), List.of(), "env in (staging,dev)"));
    }

    @Test
    void labelSelectorAndGlobsCombine() {
        assertEquals(List.of("argocd/web-prod"), list(Set.of("argocd"), List.of("*-prod"), "app=web"));
    }

    @Test
    void readsApplicationsFromTheList() {
        ArgoApplication app = lister.list(new ApplicationFilter(Set.of("team-a"), List.of(), null))
                .get(0);
        assertEquals("acme/api", app.annotations().get(Annotations.IMAGE_LIST));
        assertEquals("https://git.example/a", app.source().orElseThrow().repoUrl());
    }

    @Test
    void failedListNamesTheNamespace() {
        server.expect()
                .get()
                .withPath("/apis/argoproj.io/v1alpha1/namespaces/broken/applications?limit=500")
                .andReturn(403, "forbidden")
                .always();
        var e = assertThrows(
                ApplicationListException.class,
                () -> lister.list(new ApplicationFilter(Set.of("broken"), List.of(), null)));
        assertEquals(true, e.getMessage().contains("namespace broken"), e.getMessage());
    }
}
