package io.imageupdater.writeback.git.pullrequest;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.Applications;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.PullRequestSettings;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.git.GitChangeSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applications, change sets and Secrets for the pull request tests. */
final class ForgeFixtures {
    static final String KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            images:
              - name: ghcr.io/acme/web
                newTag: 1.0.0
            """;

    private ForgeFixtures() {}

    /** Application {@code shop} (Kustomize at {@code shop}) moving ghcr.io/acme/web from 1.0.0 to {@code to}. */
    static GitChangeSet change(String ns, String repoUrl, String to, PullRequestSettings pullRequest) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(Annotations.IMAGE_LIST, "web=ghcr.io/acme/web");
        annotations.put(Annotations.WRITE_BACK_METHOD, "git:secret:forge");
        annotations.put(Annotations.WRITE_BACK_TARGET, "kustomization");
        annotations.put(Annotations.GIT_BRANCH, "main");
        Map<String, Object> source =
                new LinkedHashMap<>(Map.of("repoURL", repoUrl, "path", "shop", "targetRevision", "main"));
        ArgoApplication app = ArgoApplication.from(Applications.application(
                ns,
                "shop",
                Map.of(),
                annotations,
                Map.of("project", "default", "source", source),
                Map.of("sourceType", "Kustomize", "summary", Map.of("images", List.of("ghcr.io/acme/web:1.0.0")))));
        var spec = ApplicationSpecParser.parse(annotations, app.ref());
        ImageSpec image = spec.images().get(0);
        WriteBackConfig parsed = spec.writeBack();
        WriteBackConfig config = new WriteBackConfig(
                parsed.method(),
                parsed.credentials(),
                parsed.target(),
                parsed.gitBranch(),
                parsed.gitRepository(),
                pullRequest);
        PlannedChange change = new PlannedChange(
                image,
                new ImageChange(
                        image.alias(),
                        ImageRef.parse("ghcr.io/acme/web:1.0.0"),
                        ImageRef.parse("ghcr.io/acme/web:" + to)));
        return new GitChangeSet(app, config, List.of(change));
    }

    static void secret(KubernetesClient client, String ns, String name, Map<String, String> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(ns)
                        .endMetadata()
                        .withData(encoded)
                        .build())
                .create();
    }
}
