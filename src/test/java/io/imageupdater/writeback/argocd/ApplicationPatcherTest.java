package io.imageupdater.writeback.argocd;

import static io.imageupdater.argocd.Applications.application;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteGuard;
import io.imageupdater.writeback.WriteResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ApplicationPatcherTest {
    private static final String NS = "argocd";
    private static final String REG = "127.0.0.1:5000";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ApplicationPatcher patcher;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void clean() {
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .delete();
        client.v1().events().inNamespace(NS).delete();
    }

    // ---- fixtures

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> param(String name, String value) {
        return map("name", name, "value", value, "forceString", true);
    }

    private GenericKubernetesResource create(
            String name, Map<String, String> annotations, Map<String, Object> spec, String sourceType) {
        Map<String, String> all = new HashMap<>(annotations);
        all.putIfAbsent(Annotations.IMAGE_LIST, "web=" + REG + "/acme/web");
        Map<String, Object> status =
                map("sourceType", sourceType, "summary", map("images", List.of(REG + "/acme/web:1.0")));
        GenericKubernetesResource resource = application(NS, name, Map.of(), all, spec, status);
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .resource(resource)
                .create();
    }

    private GenericKubernetesResource read(String name) {
        return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    private static List<PlannedChange> changes(GenericKubernetesResource resource, String... aliasAndTag) {
        ArgoApplication app = ArgoApplication.from(resource);
        List<ImageSpec> specs =
                ApplicationSpecParser.parse(app.annotations(), app.ref()).images();
        List<PlannedChange> changes = new ArrayList<>();
        for (int i = 0; i < aliasAndTag.length; i += 2) {
            String alias = aliasAndTag[i];
            ImageSpec spec = specs.stream()
                    .filter(s -> s.alias().equals(alias))
                    .findFirst()
                    .orElseThrow();
            ImageRef from = spec.entry().image().withTag("1.0");
            String version = aliasAndTag[i + 1];
            int at = version.indexOf('@');
            ImageRef to = at < 0
                    ? spec.entry().image().withTag(version)
                    : spec.entry()
                            .image()
                            .withTag(at == 0 ? null : version.substring(0, at))
                            .withDigest(version.substring(at + 1));
            changes.add(new PlannedChange(spec, new ImageChange(alias, from, to)));
        }
        return changes;
    }

    private WriteResult write(GenericKubernetesResource created, boolean dryRun, String... aliasAndTag) {
        return patcher.write(ArgoApplication.from(created), changes(created, aliasAndTag), dryRun);
    }

    @SuppressWarnings("unchecked")
    private static Object at(GenericKubernetesResource resource, Object... path) {
        return resource.get(path);
    }

    private static Map<String, Object> helmSource(Object parameters) {
        return map(
                "source",
                map(
                        "repoURL",
                        "https://git.example/deploy",
                        "path",
                        "web",
                        "helm",
                        map("valueFiles", List.of("values.yaml"), "parameters", parameters)));
    }

    // ---- Helm

    @Test
    void helmDefaultParametersAreAppended() {
        var created = create("helm-default", Map.of(), helmSource(new ArrayList<>()), "Helm");
        WriteResult result = write(created, false, "web", "1.1");
        assertNull(result.error());
        assertEquals(1, result.applied().size());
        assertEquals(
                List.of(param("image.name", REG + "/acme/web"), param("image.tag", "1.1")),
                at(read("helm-default"), "spec", "source", "helm", "parameters"));
    }

    @Test
    void helmCustomParameterNames() {
        var created = create(
                "helm-custom",
                Map.of(
                        Annotations.forImage("web", "helm.image-name"),
                        "web.repository",
                        Annotations.forImage("web", "helm.image-tag"),
                        "web.version"),
                helmSource(List.of()),
                "Helm");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of(param("web.repository", REG + "/acme/web"), param("web.version", "1.1")),
                at(read("helm-custom"), "spec", "source", "helm", "parameters"));
    }

    @Test
    void helmImageSpecIsOneParameter() {
        var created = create(
                "helm-spec",
                Map.of(Annotations.forImage("web", "helm.image-spec"), "web.image"),
                helmSource(List.of()),
                "Helm");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of(param("web.image", REG + "/acme/web:1.1")),
                at(read("helm-spec"), "spec", "source", "helm", "parameters"));
    }

    @Test
    void helmDigestGoesIntoTheTagParameter() {
        String digest = "sha256:" + "b".repeat(64);
        var created = create("helm-digest", Map.of(), helmSource(List.of()), "Helm");
        var changes = changes(created, "web", "1.1");
        ImageChange change = changes.get(0).change();
        var withDigest = new PlannedChange(
                changes.get(0).spec(),
                new ImageChange("web", change.from(), change.to().withDigest(digest)));
        patcher.write(ArgoApplication.from(created), List.of(withDigest), false);
        assertEquals(
                param("image.tag", "1.1@" + digest),
                ((List<?>) at(read("helm-digest"), "spec", "source", "helm", "parameters")).get(1));
    }

    @Test
    void existingHelmParametersKeepTheirPlace() {
        var created = create(
                "helm-existing",
                Map.of(),
                helmSource(List.of(
                        map("name", "replicas", "value", "3"),
                        map("name", "image.tag", "value", "1.0"),
                        map("name", "ingress.host", "value", "web.example", "forceString", true))),
                "Helm");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of(
                        map("name", "replicas", "value", "3"),
                        param("image.tag", "1.1"),
                        param("ingress.host", "web.example"),
                        param("image.name", REG + "/acme/web")),
                at(read("helm-existing"), "spec", "source", "helm", "parameters"));
    }

    @Test
    void helmSourceWithoutHelmKeyGetsOne() {
        var created = create(
                "helm-bare",
                Map.of(),
                map("source", map("repoURL", "https://charts.example", "chart", "web", "targetRevision", "1.2.3")),
                "Helm");
        write(created, false, "web", "1.1");
        var after = read("helm-bare");
        assertEquals(
                List.of(param("image.name", REG + "/acme/web"), param("image.tag", "1.1")),
                at(after, "spec", "source", "helm", "parameters"));
        assertEquals("1.2.3", at(after, "spec", "source", "targetRevision"));
    }

    @Test
    void multiSourceWritesTheHelmSource() {
        var created = create(
                "multi",
                Map.of(),
                map(
                        "sources",
                        List.of(
                                map("repoURL", "https://git.example/values", "ref", "values"),
                                map(
                                        "repoURL",
                                        "https://charts.example",
                                        "chart",
                                        "web",
                                        "helm",
                                        map("valueFiles", List.of("$values/web.yaml"))))),
                "Helm");
        WriteResult result = write(created, false, "web", "1.1");
        assertNull(result.error());
        var after = read("multi");
        assertEquals(
                List.of(param("image.name", REG + "/acme/web"), param("image.tag", "1.1")),
                at(after, "spec", "sources", 1, "helm", "parameters"));
        assertEquals(List.of("$values/web.yaml"), at(after, "spec", "sources", 1, "helm", "valueFiles"));
        assertEquals(map("repoURL", "https://git.example/values", "ref", "values"), at(after, "spec", "sources", 0));
    }

    @Test
    void severalImagesAreWrittenInOneUpdate() {
        var created = create(
                "two",
                Map.of(
                        Annotations.IMAGE_LIST,
                        "web=" + REG + "/acme/web,api=" + REG + "/acme/api",
                        Annotations.forImage("api", "helm.image-name"),
                        "api.image.name",
                        Annotations.forImage("api", "helm.image-tag"),
                        "api.image.tag"),
                helmSource(List.of()),
                "Helm");
        String before = created.getMetadata().getResourceVersion();
        WriteResult result = write(created, false, "web", "1.1", "api", "2.0");
        assertEquals(2, result.applied().size());
        var after = read("two");
        assertEquals(4, ((List<?>) at(after, "spec", "source", "helm", "parameters")).size());
        assertEquals(
                Integer.parseInt(before) + 1,
                Integer.parseInt(after.getMetadata().getResourceVersion()));
    }

    // ---- Kustomize

    private static Map<String, Object> kustomizeSource(List<String> images) {
        return map(
                "source",
                map(
                        "repoURL",
                        "https://git.example/deploy",
                        "path",
                        "overlays/prod",
                        "kustomize",
                        map("namePrefix", "prod-", "images", images)));
    }

    @Test
    void kustomizeReplacesTheEntryOfTheSameImage() {
        var created = create(
                "kust",
                Map.of(),
                kustomizeSource(List.of("nginx:1.25", REG + "/acme/web:1.0", "redis:7")),
                "Kustomize");
        write(created, false, "web", "1.1");
        var after = read("kust");
        assertEquals(
                List.of("nginx:1.25", REG + "/acme/web:1.1", "redis:7"),
                at(after, "spec", "source", "kustomize", "images"));
        assertEquals("prod-", at(after, "spec", "source", "kustomize", "namePrefix"));
    }

    @Test
    void kustomizeAppendsWhenTheImageHasNoEntry() {
        var created = create("kust-new", Map.of(), kustomizeSource(List.of("nginx:1.25")), "Kustomize");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of("nginx:1.25", REG + "/acme/web:1.1"),
                at(read("kust-new"), "spec", "source", "kustomize", "images"));
    }

    @Test
    void kustomizeWithOrigReplacesTheEntryNamedByIt() {
        var created = create(
                "kust-orig",
                Map.of(Annotations.forImage("web", "kustomize.image-name"), "acme/web"),
                kustomizeSource(List.of("acme/web=" + REG + "/acme/web:1.0", "nginx:1.25")),
                "Kustomize");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of("acme/web=" + REG + "/acme/web:1.1", "nginx:1.25"),
                at(read("kust-orig"), "spec", "source", "kustomize", "images"));
    }

    @Test
    void kustomizeWithOrigReplacesAPlainEntryOfTheOriginalImage() {
        var created = create(
                "kust-orig-plain",
                Map.of(Annotations.forImage("web", "kustomize.image-name"), "acme/web"),
                kustomizeSource(List.of("acme/web:0.9")),
                "Kustomize");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of("acme/web=" + REG + "/acme/web:1.1"),
                at(read("kust-orig-plain"), "spec", "source", "kustomize", "images"));
    }

    @Test
    void kustomizeKeepsAnExistingOrigPart() {
        var created = create(
                "kust-keep-orig", Map.of(), kustomizeSource(List.of("web=" + REG + "/acme/web:1.0")), "Kustomize");
        write(created, false, "web", "1.1");
        assertEquals(
                List.of("web=" + REG + "/acme/web:1.1"),
                at(read("kust-keep-orig"), "spec", "source", "kustomize", "images"));
    }

    @Test
    void kustomizeDigestPinsTheImage() {
        String digest = "sha256:" + "c".repeat(64);
        var created = create("kust-digest", Map.of(), kustomizeSource(List.of(REG + "/acme/web:1.0")), "Kustomize");
        write(created, false, "web", "@" + digest);
        assertEquals(
                List.of(REG + "/acme/web@" + digest), at(read("kust-digest"), "spec", "source", "kustomize", "images"));
    }

    @Test
    void kustomizeDigestTrackingKeepsTheTagBesideTheDigest() {
        String digest = "sha256:" + "d".repeat(64);
        var created =
                create("kust-tag-digest", Map.of(), kustomizeSource(List.of(REG + "/acme/web:latest")), "Kustomize");
        write(created, false, "web", "latest@" + digest);
        assertEquals(
                List.of(REG + "/acme/web:latest@" + digest),
                at(read("kust-tag-digest"), "spec", "source", "kustomize", "images"));
        String version = read("kust-tag-digest").getMetadata().getResourceVersion();
        WriteResult again = write(read("kust-tag-digest"), false, "web", "latest@" + digest);
        assertEquals(1, again.alreadyCurrent().size());
        assertEquals(version, read("kust-tag-digest").getMetadata().getResourceVersion());
    }

    // ---- what must not change

    @Test
    void unknownFieldsSurvive() {
        Map<String, Object> spec = helmSource(List.of(param("image.tag", "1.0")));
        spec.put("syncPolicy", map("automated", map("prune", true, "selfHeal", true)));
        spec.put("foo", map("bar", List.of(1, 2, 3)));
        spec.put("destination", map("server", "https://kubernetes.default.svc", "namespace", "web"));
        GenericKubernetesResource resource = application(
                NS,
                "unknown",
                Map.of("team", "a"),
                Map.of(Annotations.IMAGE_LIST, "web=" + REG + "/acme/web", "note", "keep"),
                spec,
                map("sourceType", "Helm", "health", map("status", "Healthy")));
        resource.getMetadata().setFinalizers(List.of("resources-finalizer.argocd.argoproj.io"));
        resource.getAdditionalProperties().put("operation", map("sync", map("revision", "abc")));
        var created = client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .resource(resource)
                .create();
        write(created, false, "web", "1.1");
        var after = read("unknown");
        assertEquals(
                List.of("resources-finalizer.argocd.argoproj.io"),
                after.getMetadata().getFinalizers());
        assertEquals(Map.of("team", "a"), after.getMetadata().getLabels());
        assertEquals("keep", after.getMetadata().getAnnotations().get("note"));
        assertEquals(map("automated", map("prune", true, "selfHeal", true)), at(after, "spec", "syncPolicy"));
        assertEquals(map("bar", List.of(1, 2, 3)), at(after, "spec", "foo"));
        assertEquals("https://kubernetes.default.svc", at(after, "spec", "destination", "server"));
        assertEquals(List.of("values.yaml"), at(after, "spec", "source", "helm", "valueFiles"));
        assertEquals("Healthy", at(after, "status", "health", "status"));
        assertEquals(
                map("sync", map("revision", "abc")),
                after.getAdditionalProperties().get("operation"));
        assertEquals(
                List.of(param("image.tag", "1.1"), param("image.name", REG + "/acme/web")),
                at(after, "spec", "source", "helm", "parameters"));
    }

    @Test
    void alreadyCurrentSpecIsNotWritten() {
        var created = create(
                "current",
                Map.of(),
                helmSource(List.of(param("image.name", REG + "/acme/web"), param("image.tag", "1.1"))),
                "Helm");
        WriteResult result = write(created, false, "web", "1.1");
        assertEquals(List.of(), result.applied());
        assertEquals(1, result.alreadyCurrent().size());
        assertEquals(
                created.getMetadata().getResourceVersion(),
                read("current").getMetadata().getResourceVersion());
        assertTrue(events("current").isEmpty());
    }

    @Test
    void alreadyCurrentKustomizeIsNotWritten() {
        var created = create("current-k", Map.of(), kustomizeSource(List.of(REG + "/acme/web:1.1")), "Kustomize");
        WriteResult result = write(created, false, "web", "1.1");
        assertEquals(1, result.alreadyCurrent().size());
        assertEquals(
                created.getMetadata().getResourceVersion(),
                read("current-k").getMetadata().getResourceVersion());
    }

    @Test
    void dryRunWritesNothing() {
        var created = create("dry", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");
        WriteResult result = write(created, true, "web", "1.1");
        assertEquals(1, result.applied().size());
        var after = read("dry");
        assertEquals(
                created.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
        assertEquals(List.of(param("image.tag", "1.0")), at(after, "spec", "source", "helm", "parameters"));
        assertTrue(events("dry").isEmpty());
    }

    @Test
    void directorySourceIsAnError() {
        var created = create("dir", Map.of(), map("source", map("repoURL", "x", "path", "manifests")), "Directory");
        WriteResult result = write(created, false, "web", "1.1");
        assertTrue(result.failed());
        assertTrue(result.error().contains("argocd/dir"), result.error());
        assertEquals(
                created.getMetadata().getResourceVersion(),
                read("dir").getMetadata().getResourceVersion());
    }

    @Test
    void conflictIsRetriedOnAFreshCopy() {
        var created = create("conflict", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");
        server.expect()
                .patch()
                .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/conflict")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}")
                .once();
        WriteResult result = write(created, false, "web", "1.1");
        assertNull(result.error());
        assertEquals(
                List.of(param("image.tag", "1.1"), param("image.name", REG + "/acme/web")),
                at(read("conflict"), "spec", "source", "helm", "parameters"));
    }

    @Test
    void aChangedApplicationCostsOneWriteAndNoRead() {
        var created = create("one-write", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");
        double requestsBefore = counter("argocd_image_updater_k8s_api_requests");

        WriteResult result = write(created, false, "web", "1.1");

        assertNull(result.error());
        assertEquals(2, counter("argocd_image_updater_k8s_api_requests") - requestsBefore, "one update and one Event");
    }

    @Test
    void persistentConflictGivesUpAfterFiveAttempts() {
        var created = create("busy", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");
        server.expect()
                .patch()
                .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/busy")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}")
                .times(5);
        double errorsBefore = counter("argocd_image_updater_k8s_api_errors");
        double requestsBefore = counter("argocd_image_updater_k8s_api_requests");
        WriteResult result = write(created, false, "web", "1.1");
        assertTrue(result.error().contains("argocd/busy") && result.error().contains("5 attempts"), result.error());
        assertEquals(5, counter("argocd_image_updater_k8s_api_errors") - errorsBefore);
        assertEquals(
                9,
                counter("argocd_image_updater_k8s_api_requests") - requestsBefore,
                "the first attempt starts from the listed resource; each retry reads it fresh");
        assertEquals(List.of(param("image.tag", "1.0")), at(read("busy"), "spec", "source", "helm", "parameters"));
    }

    // ---- compare-and-set

    @Test
    void anApplicationChangedSinceTheDecisionIsReadAgainAndDecidedAgain() {
        var created = create("moved", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");
        setTag("moved", "1.3");
        failedTestOnce("moved");
        List<ArgoApplication> redecided = new ArrayList<>();

        WriteResult result = patcher.write(
                ArgoApplication.from(created), changes(created, "web", "1.1"), false, WriteGuard.ALWAYS, fresh -> {
                    redecided.add(fresh);
                    return List.of(); // the Application now names a newer version: nothing to write
                });

        assertNull(result.error());
        assertEquals(List.of(), result.applied());
        assertEquals(1, redecided.size(), "decided again once, from a fresh read");
        assertEquals(
                "1.3",
                redecided.get(0).source().orElseThrow().helmParameters().get(0).value());
        assertEquals(List.of(param("image.tag", "1.3")), at(read("moved"), "spec", "source", "helm", "parameters"));
        assertTrue(events("moved").isEmpty());
    }

    @Test
    void afterAFailedTestTheChangesDecidedAgainAreWrittenToTheFreshCopy() {
        var created = create("redo", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");
        setTag("redo", "1.05");
        failedTestOnce("redo");

        WriteResult result = patcher.write(
                ArgoApplication.from(created),
                changes(created, "web", "1.1"),
                false,
                WriteGuard.ALWAYS,
                fresh -> changes(read("redo"), "web", "1.2"));

        assertNull(result.error());
        assertEquals("1.2", result.applied().get(0).change().to().tag());
        assertEquals(
                List.of(param("image.tag", "1.2"), param("image.name", REG + "/acme/web")),
                at(read("redo"), "spec", "source", "helm", "parameters"));
    }

    /**
     * What the fabric8 mock server (CRUD mode) does with a JSON Patch whose {@code test} fails: it applies nothing and
     * never answers (its dispatcher throws), so the client times out. The real API server answers 422, which the
     * tests above simulate with an expectation.
     */
    @Test
    void theMockServerDoesNotAnswerAFailedTestOperationAndAppliesNothing() {
        var created = create("stale", Map.of(), kustomizeSource(List.of(REG + "/acme/web:1.0")), "Kustomize");
        String patch = client.getKubernetesSerialization()
                .asJson(List.of(
                        Map.of("op", "test", "path", "/spec/source/kustomize/images", "value", List.of("other:0.9")),
                        Map.of("op", "replace", "path", "/spec/source/kustomize/images", "value", List.of("x:1"))));
        var config = new ConfigBuilder(client.getConfiguration())
                .withRequestTimeout(1500)
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient impatient =
                new KubernetesClientBuilder().withConfig(config).build()) {
            assertThrows(
                    KubernetesClientException.class,
                    () -> impatient
                            .genericKubernetesResources(ArgoApplication.CONTEXT)
                            .inNamespace(NS)
                            .withName("stale")
                            .patch(PatchContext.of(PatchType.JSON), patch));
        }
        assertEquals(List.of(REG + "/acme/web:1.0"), at(read("stale"), "spec", "source", "kustomize", "images"));
        assertEquals(
                created.getMetadata().getResourceVersion(),
                read("stale").getMetadata().getResourceVersion());
    }

    /** The next patch of the Application is answered as the API server answers a failed {@code test}: 422. */
    private void failedTestOnce(String name) {
        server.expect()
                .patch()
                .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/" + name)
                .andReturn(
                        422,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":422,"
                                + "\"reason\":\"Invalid\",\"message\":\"the server rejected our request due to an error"
                                + " in our request\"}")
                .once();
    }

    @Test
    void aReplicaThatMayNoLongerWriteWritesNothing() {
        var created = create("fenced", Map.of(), helmSource(List.of(param("image.tag", "1.0"))), "Helm");

        WriteResult result = patcher.write(
                ArgoApplication.from(created),
                changes(created, "web", "1.1"),
                false,
                () -> java.util.Optional.of("lost the leader Lease"),
                fresh -> List.of());

        assertTrue(result.refused(), String.valueOf(result));
        assertEquals(
                created.getMetadata().getResourceVersion(),
                read("fenced").getMetadata().getResourceVersion());
    }

    private void setTag(String name, String tag) {
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .withName(name)
                .edit(app -> {
                    @SuppressWarnings("unchecked")
                    var source = (Map<String, Object>)
                            ((Map<String, Object>) app.getAdditionalProperties().get("spec")).get("source");
                    source.put("helm", map("parameters", List.of(param("image.tag", tag))));
                    return app;
                });
    }

    private double counter(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void vanishedApplicationIsAnError() {
        var created = create("gone", Map.of(), helmSource(List.of()), "Helm");
        client.genericKubernetesResources(ArgoApplication.CONTEXT)
                .inNamespace(NS)
                .withName("gone")
                .delete();
        WriteResult result = write(created, false, "web", "1.1");
        assertTrue(result.error().contains("argocd/gone"), result.error());
    }

    // ---- events

    private List<Event> events(String application) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> application.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    @Test
    void eventNamesOldAndNewTags() {
        var created = create("evented", Map.of(), helmSource(List.of()), "Helm");
        write(created, false, "web", "1.1");
        List<Event> events = events("evented");
        assertEquals(1, events.size());
        Event event = events.get(0);
        assertEquals("ImagesUpdated", event.getReason());
        assertEquals("Normal", event.getType());
        assertEquals("argoproj.io/v1alpha1", event.getInvolvedObject().getApiVersion());
        assertEquals("Application", event.getInvolvedObject().getKind());
        assertEquals(NS, event.getInvolvedObject().getNamespace());
        assertNotNull(created.getMetadata().getUid());
        assertEquals(created.getMetadata().getUid(), event.getInvolvedObject().getUid());
        assertTrue(event.getMessage().contains("web 1.0 -> 1.1"), event.getMessage());
    }

    @Test
    void failedEventDoesNotFailTheWrite() {
        var created = create("no-event", Map.of(), helmSource(List.of()), "Helm");
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/argocd/events")
                .andReturn(403, "forbidden")
                .once();
        WriteResult result = write(created, false, "web", "1.1");
        assertNull(result.error());
        assertFalse(((List<?>) at(read("no-event"), "spec", "source", "helm", "parameters")).isEmpty());
    }
}
