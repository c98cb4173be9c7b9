package io.imageupdater.writeback.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.ApplicationSource;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.SourceType;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.Redecision;
import io.imageupdater.writeback.WriteBack;
import io.imageupdater.writeback.WriteGuard;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code argocd} write-back: sets Helm parameters or Kustomize images in the Application's own source, with
 * one JSON Patch per Application whose {@code test} operations assert that the field still holds what was decided
 * from ({@link ApplicationPatch}). When the Application changed meanwhile (a failed test, or a conflict), it is read
 * again and its changes decided again ({@link Redecision}), so nothing older than what it names now is written.
 * Leadership is checked right before every patch ({@link WriteGuard}). Every other field survives untouched.
 */
@ApplicationScoped
public class ApplicationPatcher implements WriteBack {
    static final int MAX_ATTEMPTS = 5;
    /** HTTP 422: how the API server answers a JSON Patch whose {@code test} operation failed. */
    static final int UNPROCESSABLE = 422;

    private final KubernetesClient client;
    private final UpdaterMetrics metrics;
    private final ApplicationEvents events;

    public ApplicationPatcher(KubernetesClient client, UpdaterMetrics metrics, ApplicationEvents events) {
        this.client = client;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public WriteResult write(
            ArgoApplication app, List<PlannedChange> changes, boolean dryRun, WriteGuard guard, Redecision redecision) {
        if (changes.isEmpty()) {
            return new WriteResult(List.of(), List.of(), null);
        }
        GenericKubernetesResource base;
        try {
            // Start from the listed resource, the one decided from (one request per changed Application).
            base = app.listed() != null ? app.listed() : get(app);
        } catch (KubernetesClientException e) {
            return WriteResult.failed("application " + app.ref() + ": reading it failed: " + e.getMessage());
        }
        List<PlannedChange> wanted = changes;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (base == null) {
                return WriteResult.failed("application " + app.ref() + " no longer exists");
            }
            GenericKubernetesResource edited =
                    client.getKubernetesSerialization().clone(base);
            Edit edit = edit(app, edited, wanted);
            if (edit.error() != null || edit.applied().isEmpty() || dryRun) {
                log(app, edit, dryRun);
                return edit.result();
            }
            Optional<String> refusal = guard.refusal();
            if (refusal.isPresent()) {
                Log.warnf("Application %s not written: %s", app.ref(), refusal.get());
                return WriteResult.refused(refusal.get());
            }
            GenericKubernetesResource patched;
            try {
                patched = patch(base, edited, edit);
            } catch (KubernetesClientException e) {
                if (!changedMeanwhile(e)) {
                    return WriteResult.failed("application " + app.ref() + ": patching it failed: " + e.getMessage());
                }
                if (attempt == MAX_ATTEMPTS) {
                    break;
                }
                Log.debugf(
                        "Application %s changed since it was read (attempt %d of %d): reading it again and deciding"
                                + " again",
                        app.ref(), attempt, MAX_ATTEMPTS);
                try {
                    base = get(app);
                } catch (KubernetesClientException read) {
                    return WriteResult.failed("application " + app.ref() + ": reading it failed: " + read.getMessage());
                }
                wanted = base == null ? wanted : redecision.decideAgain(ArgoApplication.from(base));
                if (wanted.isEmpty()) {
                    Log.infof("Application %s changed meanwhile; deciding again left nothing to write", app.ref());
                    return new WriteResult(List.of(), List.of(), null);
                }
                continue;
            }
            log(app, edit, false);
            events.imagesUpdated(patched == null ? edited : patched, edit.applied());
            return edit.result();
        }
        return WriteResult.failed("application " + app.ref() + ": kept changing while being updated, gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Whether a failed patch means the Application changed since it was read: a failed {@code test} operation
     * (422 from the API server) or a conflict (409). The fabric8 mock server does not answer a failed test at all;
     * the client's request timeout then fails the write (nothing was applied), and the next cycle decides again.
     */
    static boolean changedMeanwhile(KubernetesClientException e) {
        return e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == UNPROCESSABLE;
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
        return new Edit(applied, current, null, located.get().index(), type);
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

    /** Patches {@code base} into {@code edited} as a compare-and-set ({@link ApplicationPatch}). */
    @SuppressWarnings("unchecked")
    private GenericKubernetesResource patch(
            GenericKubernetesResource base, GenericKubernetesResource edited, Edit edit) {
        Map<String, Object> before = (Map<String, Object>)
                ApplicationSource.locate(spec(base), edit.type()).orElseThrow().source();
        Map<String, Object> after = (Map<String, Object>) ApplicationSource.locate(spec(edited), edit.type())
                .orElseThrow()
                .source();
        ApplicationPatch patch =
                ApplicationPatch.of(base.getMetadata().getUid(), edit.sourceIndex(), edit.type(), before, after);
        metrics.kubernetesRequest();
        try {
            // resource(base), not withName: fabric8 would read the Application again before patching by name
            return client.genericKubernetesResources(ArgoApplication.CONTEXT)
                    .inNamespace(base.getMetadata().getNamespace())
                    .resource(base)
                    .patch(
                            PatchContext.of(PatchType.JSON),
                            client.getKubernetesSerialization().asJson(patch.operations()));
        } catch (KubernetesClientException e) {
            metrics.kubernetesError();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> map
                ? (Map<String, Object>) map
                : null;
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

    /** What editing did; {@code sourceIndex} and {@code type} say which source was edited. */
    record Edit(
            List<PlannedChange> applied, List<PlannedChange> current, String error, int sourceIndex, SourceType type) {
        static Edit error(String message) {
            return new Edit(List.of(), List.of(), message, -1, SourceType.UNKNOWN);
        }

        WriteResult result() {
            return new WriteResult(applied, current, error);
        }
    }
}
