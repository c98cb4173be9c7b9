package io.imageupdater.writeback.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.argocd.ApplicationSource;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.SourceType;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteBack;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code argocd} write-back: sets Helm parameters or Kustomize images in the Application's own source.
 * Reads the Application fresh, edits only those fields, and updates it at the resourceVersion it read, so a
 * concurrent change surfaces as a 409 and is retried on a fresh copy. Every other field survives untouched.
 */
@ApplicationScoped
public class ApplicationPatcher implements WriteBack {
    static final int MAX_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final UpdaterMetrics metrics;
    private final ApplicationEvents events;

    public ApplicationPatcher(KubernetesClient client, UpdaterMetrics metrics, ApplicationEvents events) {
        this.client = client;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public WriteResult write(ArgoApplication app, List<PlannedChange> changes, boolean dryRun) {
        if (changes.isEmpty()) {
            return new WriteResult(List.of(), List.of(), null);
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            GenericKubernetesResource resource;
            try {
                // The first attempt starts from the listed resource (one request per changed Application);
                // a conflict means it moved, and later attempts read it fresh.
                resource = attempt == 1 && app.listed() != null
                        ? client.getKubernetesSerialization().clone(app.listed())
                        : get(app);
            } catch (KubernetesClientException e) {
                return WriteResult.failed("application " + app.ref() + ": reading it failed: " + e.getMessage());
            }
            if (resource == null) {
                return WriteResult.failed("application " + app.ref() + " no longer exists");
            }
            Edit edit = edit(app, resource, changes);
            if (edit.error() != null || edit.applied().isEmpty() || dryRun) {
                log(app, edit, dryRun);
                return edit.result();
            }
            try {
                update(resource);
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    Log.debugf(
                            "Application %s changed while being updated (attempt %d of %d), retrying",
                            app.ref(), attempt, MAX_ATTEMPTS);
                    continue;
                }
                return WriteResult.failed("application " + app.ref() + ": updating it failed: " + e.getMessage());
            }
            log(app, edit, false);
            events.imagesUpdated(resource, edit.applied());
            return edit.result();
        }
        return WriteResult.failed("application " + app.ref() + ": kept changing while being updated, gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    /** Applies the changes to the resource's source, in place. */
    @SuppressWarnings("unchecked")
    static Edit edit(ArgoApplication app, GenericKubernetesResource resource, List<PlannedChange> changes) {
        SourceType type = ArgoApplication.from(resource).sourceType();
        if (type != SourceType.HELM && type != SourceType.KUSTOMIZE) {
            return Edit.error("application " + app.ref() + ": source type " + describe(type)
                    + " cannot take image updates with the argocd write-back (Helm or Kustomize only)");
        }
        Object spec = resource.getAdditionalProperties().get("spec");
        var located = ApplicationSource.locate(spec instanceof Map<?, ?> map ? (Map<String, Object>) map : null, type);
        if (located.isEmpty()) {
            return Edit.error("application " + app.ref() + " has no source to write to");
        }
        List<PlannedChange> applied = new ArrayList<>();
        List<PlannedChange> current = new ArrayList<>();
        for (PlannedChange change : changes) {
            boolean changed = type == SourceType.HELM
                    ? HelmParameters.apply(located.get().source(), change)
                    : KustomizeImages.apply(located.get().source(), change);
            (changed ? applied : current).add(change);
        }
        return new Edit(applied, current, null);
    }

    private GenericKubernetesResource get(ArgoApplication app) {
        metrics.kubernetesRequest();
        try {
            return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                    .inNamespace(app.namespace())
                    .withName(app.name())
                    .get();
        } catch (KubernetesClientException e) {
            metrics.kubernetesError();
            throw e;
        }
    }

    private void update(GenericKubernetesResource resource) {
        metrics.kubernetesRequest();
        try {
            client.genericKubernetesResources(ArgoApplication.CONTEXT)
                    .inNamespace(resource.getMetadata().getNamespace())
                    .resource(resource)
                    .update();
        } catch (KubernetesClientException e) {
            metrics.kubernetesError();
            throw e;
        }
    }

    private static void log(ArgoApplication app, Edit edit, boolean dryRun) {
        if (edit.error() != null) {
            Log.warnf("%s", edit.error());
            return;
        }
        for (PlannedChange change : edit.current()) {
            Log.debugf(
                    "Application %s already names %s, not written",
                    app.ref(), change.change().to());
        }
        for (PlannedChange change : edit.applied()) {
            Log.debugf("%sApplication %s: %s", dryRun ? "[dry run, not written] " : "", app.ref(), change.change());
        }
    }

    private static String describe(SourceType type) {
        return type == SourceType.UNKNOWN ? "(unknown)" : type.value();
    }

    record Edit(List<PlannedChange> applied, List<PlannedChange> current, String error) {
        static Edit error(String message) {
            return new Edit(List.of(), List.of(), message);
        }

        WriteResult result() {
            return new WriteResult(applied, current, error);
        }
    }
}
