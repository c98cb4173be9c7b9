package io.imageupdater.kubeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.testing.KubeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, point 1: what {@code kubectl kustomize kubernetes/} renders installs on a real API server (server-side
 * dry run, then apply), the ImageUpdater CRD's schema and CEL rules hold, its printer columns work, and invalid
 * ImageUpdaters are rejected with messages naming the field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallKubeApiIT {
    private static final String NS = "argocd";
    private static KubeApi api;

    @BeforeAll
    static void start() {
        api = KubeApi.start("install");
        api.createNamespace(NS);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    @Order(1)
    void everythingTheKustomizeBaseRendersIsAcceptedByADryRunThenApplied() {
        List<HasMetadata> objects = api.kustomize();
        assertEquals(
                List.of(
                        "CustomResourceDefinition",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding",
                        "ConfigMap",
                        "Service",
                        "Deployment"),
                objects.stream().map(HasMetadata::getKind).toList());

        List<String> rejected = new ArrayList<>();
        for (HasMetadata object : objects) {
            try {
                api.admin().resource(object).dryRun().create();
            } catch (KubernetesClientException e) {
                rejected.add(object.getKind() + " " + object.getMetadata().getName() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), rejected, "rejected by the server-side dry run");
        assertNull(
                api.admin()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("imageupdaters.argocd-image-updater.argoproj.io")
                        .get(),
                "a dry run stores nothing");

        for (HasMetadata object : objects) {
            api.admin()
                    .resource(object)
                    .fieldManager("kubectl")
                    .forceConflicts()
                    .serverSideApply();
        }
        CustomResourceDefinition crd = api.admin()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("imageupdaters.argocd-image-updater.argoproj.io")
                .waitUntilCondition(KubeApi::established, 60, TimeUnit.SECONDS);
        assertTrue(crd.getStatus().getConditions().stream()
                .noneMatch(c -> "NonStructuralSchema".equals(c.getType()) && "True".equals(c.getStatus())));
        for (HasMetadata object : objects) {
            assertNotNull(api.admin().resource(object).get(), object.getKind() + " stored");
        }
    }

    @Test
    @Order(2)
    void printerColumnsShowTheStatus() throws Exception {
        GenericKubernetesResource created = api.admin()
                .genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(NS)
                .resource(imageUpdater("columns", VALID_SPEC))
                .create();
        created.setAdditionalProperty(
                "status",
                Map.of(
                        "applicationsMatched",
                        2,
                        "imagesManaged",
                        3,
                        "conditions",
                        List.of(Map.of(
                                "type",
                                "Ready",
                                "status",
                                "True",
                                "reason",
                                "Checked",
                                "message",
                                "all images checked",
                                "lastTransitionTime",
                                "2026-11-28T08:00:00Z"))));
        api.admin()
                .genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(NS)
                .resource(created)
                .updateStatus();

        HttpClient http = api.admin().getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(api.url().replaceAll("/$", "")
                        + "/apis/argocd-image-updater.argoproj.io/v1alpha1/namespaces/argocd/imageupdaters/columns")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                .build();
        var response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
        assertEquals(200, response.code(), response.body());
        JsonNode table = new ObjectMapper().readTree(response.body());
        List<String> columns = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> columns.add(c.get("name").asText()));
        assertEquals(List.of("Name", "Applications", "Images", "Ready", "Age"), columns);
        JsonNode cells = table.get("rows").get(0).get("cells");
        assertEquals("columns", cells.get(0).asText());
        assertEquals(2, cells.get(1).asInt());
        assertEquals(3, cells.get(2).asInt());
        assertEquals("True", cells.get(3).asText());
        assertFalse(cells.get(4).asText().isBlank());
    }

    static final String VALID_SPEC = """
            writeBackConfig:
              method: argocd
            applicationRefs:
            - namePattern: "shop-*"
              images:
              - alias: web
                imageName: registry.example/acme/web:1.x
                manifestTargets:
                  helm: {name: image.repository, tag: image.tag}
            """;

    static List<Arguments> invalid() {
        return List.of(
                Arguments.of("two pull request providers", """
                        writeBackConfig:
                          method: git
                          gitConfig: {pullRequest: {github: {}, gitlab: {}}}
                        applicationRefs:
                        - namePattern: shop
                          useAnnotations: true
                        """, "spec.writeBackConfig.gitConfig.pullRequest"),
                Arguments.of(
                        "more than 100 pull request labels",
                        """
                        writeBackConfig:
                          method: git
                          gitConfig: {pullRequest: {gitea: {}, labels: [%s]}}
                        applicationRefs:
                        - namePattern: shop
                          useAnnotations: true
                        """.formatted(String.join(",", java.util.Collections.nCopies(101, "x"))),
                        "must have at most 100 items"),
                Arguments.of("missing namePattern", """
                        applicationRefs:
                        - images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """, "spec.applicationRefs[0].namePattern: Required value"),
                Arguments.of(
                        "both helm and kustomize targets",
                        """
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            manifestTargets:
                              helm: {name: image.repository, tag: image.tag}
                              kustomize: {name: web}
                        """,
                        "spec.applicationRefs[0].images[0].manifestTargets: Invalid value: Exactly one of helm or"
                                + " kustomize"),
                Arguments.of(
                        "a plugin target together with helm",
                        """
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            manifestTargets:
                              helm: {name: image.repository, tag: image.tag}
                              plugin: {name: WEB_IMAGE}
                        """,
                        "spec.applicationRefs[0].images[0].manifestTargets: Invalid value: Exactly one of helm or"
                                + " kustomize"),
                Arguments.of("a bad method", """
                        writeBackConfig: {method: svn}
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """, "spec.writeBackConfig.method: Invalid value: \"svn\""),
                Arguments.of(
                        "a bad method in an applicationRef",
                        """
                        applicationRefs:
                        - namePattern: shop
                          writeBackConfig: {method: "git:"}
                          images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """,
                        "spec.applicationRefs[0].writeBackConfig.method: Invalid value: \"git:\""),
                Arguments.of(
                        "images missing without useAnnotations",
                        """
                        applicationRefs:
                        - namePattern: shop
                        """,
                        "spec.applicationRefs[0].images: Required value: images must be listed unless useAnnotations"
                                + " is true"),
                Arguments.of(
                        "imagesVerification with both cosignKey and keyless",
                        """
                        imagesVerification:
                          enabled: true
                          cosignKey: {secretName: cosign, key: cosign.pub}
                          keyless: {issuer: "https://issuer.test", subject: dev@acme.test}
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """,
                        "spec.imagesVerification: Invalid value: cosignKey and keyless are mutually exclusive"),
                Arguments.of(
                        "imagesVerification enabled without a key or identity",
                        """
                        imagesVerification: {enabled: true}
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """,
                        "enabled verification needs cosignKey or keyless"),
                Arguments.of(
                        "keyless with issuer and issuerRegExp",
                        """
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            imagesVerification:
                              keyless: {issuer: a, issuerRegExp: b, subject: c}
                        """,
                        "spec.applicationRefs[0].images[0].imagesVerification.keyless: Invalid value: exactly one"
                                + " of issuer and issuerRegExp must be set"),
                Arguments.of("trustedRoot with a cosignKey", """
                        applicationRefs:
                        - namePattern: shop
                          imagesVerification:
                            cosignKey: {secretName: cosign, key: cosign.pub}
                            trustedRoot: {configMapName: root, key: trusted_root.json}
                          images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """, "trustedRoot applies to keyless verification only"),
                Arguments.of(
                        "minAge that is not a duration",
                        """
                        commonUpdateSettings: {minAge: 1 day}
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - {alias: web, imageName: registry.example/acme/web}
                        """,
                        "spec.commonUpdateSettings.minAge: Invalid value: \"1 day\""),
                Arguments.of(
                        "images missing with useAnnotations false",
                        """
                        applicationRefs:
                        - namePattern: shop
                          useAnnotations: false
                        """,
                        "spec.applicationRefs[0].images: Required value: images must be listed unless useAnnotations"
                                + " is true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    @Order(3)
    void invalidImageUpdatersAreRejectedNamingTheField(String name, String spec, String message) {
        KubernetesClientException e = assertThrows(
                KubernetesClientException.class,
                () -> api.admin()
                        .genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                        .inNamespace(NS)
                        .resource(imageUpdater("invalid", spec))
                        .create());
        assertEquals(422, e.getCode(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static List<Arguments> valid() {
        return List.of(
                Arguments.of("a pull request with auto-merge, draft and reviewers", """
                        writeBackConfig:
                          method: git:secret:git-creds
                          gitConfig:
                            branch: main
                            pullRequest:
                              github: {}
                              labels: [dependencies]
                              autoMerge: true
                              draft: true
                              reviewers: [alice, acme/platform]
                        applicationRefs:
                        - namePattern: shop
                          useAnnotations: true
                        """),
                Arguments.of("a pull request merged by squash", """
                        writeBackConfig:
                          method: git
                          gitConfig: {pullRequest: {azureDevOps: {}, autoMerge: squash}}
                        applicationRefs:
                        - namePattern: shop
                          useAnnotations: true
                        """),
                Arguments.of("the example", VALID_SPEC),
                Arguments.of("images from annotations", """
                        applicationRefs:
                        - namePattern: "*"
                          useAnnotations: true
                        """),
                Arguments.of("keyless verification, an opt-out and a minimum age", """
                        commonUpdateSettings: {minAge: 24h}
                        imagesVerification:
                          enabled: true
                          keyless:
                            issuer: https://token.actions.githubusercontent.com
                            subjectRegExp: "^https://github\\\\.com/acme/.*$"
                          trustedRoot: {configMapName: sigstore, key: trusted_root.json}
                        applicationRefs:
                        - namePattern: shop
                          imagesVerification:
                            cosignKey: {secretName: cosign, key: cosign.pub}
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            commonUpdateSettings: {minAge: 1h30m}
                          - alias: tools
                            imageName: registry.example/acme/tools
                            imagesVerification: {enabled: false}
                        """),
                Arguments.of("a kustomize target and git credentials", """
                        writeBackConfig:
                          method: git:secret:argocd/git-creds
                          gitConfig: {branch: main, writeBackTarget: "kustomization:../base"}
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            manifestTargets:
                              kustomize: {name: web}
                        """),
                Arguments.of("a plugin target in a named source", """
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            manifestTargets:
                              sourceName: frontend
                              plugin: {name: WEB_IMAGE, tag: WEB_TAG}
                        """),
                Arguments.of("only a source name", """
                        applicationRefs:
                        - namePattern: shop
                          images:
                          - alias: web
                            imageName: registry.example/acme/web
                            manifestTargets: {sourceName: backend}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    @Order(4)
    void validImageUpdatersAreAccepted(String name, String spec) {
        GenericKubernetesResource stored = api.admin()
                .genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                .inNamespace(NS)
                .resource(imageUpdater("valid", spec))
                .dryRun()
                .create();
        assertNotNull(stored.getMetadata().getUid());
    }

    private static GenericKubernetesResource imageUpdater(String name, String spec) {
        String yaml = """
                apiVersion: argocd-image-updater.argoproj.io/v1alpha1
                kind: ImageUpdater
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                %s""".formatted(name, spec.indent(2));
        return api.admin().getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    }
}
