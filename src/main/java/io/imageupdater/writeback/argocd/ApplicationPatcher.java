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
import java.util.LinkedHashMap;
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

    /**
     * Applies the changes to the resource's sources, in place: each change to the source its image lives in
     * ({@code source-name}, else the default source), by that source's type.
     */
    @SuppressWarnings("unchecked")
    static Edit edit(ArgoApplication app, GenericKubernetesResource resource, List<PlannedChange> changes) {
        ArgoApplication read = ArgoApplication.from(resource);
        Object spec = resource.getAdditionalProperties().get("spec");
        Map<String, Object> specMap = spec instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        List<PlannedChange> applied = new ArrayList<>();
        List<PlannedChange> current = new ArrayList<>();
        Map<Integer, SourceType> edited = new LinkedHashMap<>();
        for (PlannedChange change : changes) {
            Optional<ApplicationSource> target = read.sourceFor(change.spec().sourceName());
            String problem = problem(app, read, change, target);
            if (problem != null) {
                return Edit.error(problem);
            }
            ApplicationSource source = target.orElseThrow();
            var located = ApplicationSource.at(specMap, source.index());
            if (located.isEmpty()) {
                return Edit.error("application " + app.ref() + " has no source to write to");
            }
            boolean changed = switch (source.type()) {
                case HELM -> HelmParameters.apply(located.get().source(), change);
                case KUSTOMIZE -> KustomizeImages.apply(located.get().source(), change);
                default -> PluginEnv.apply(located.get().source(), change);
            };
            if (changed) {
                edited.put(source.index(), source.type());
            }
            (changed ? applied : current).add(change);
        }
        return new Edit(applied, current, null, edited);
    }

    /** Why a change cannot be written to its source, or {@code null}. */
    private static String problem(
            ArgoApplication app, ArgoApplication read, PlannedChange change, Optional<ApplicationSource> target) {
        String sourceName = change.spec().sourceName();
        if (target.isEmpty()) {
            return sourceName != null
                    ? "application " + app.ref() + ", image " + change.spec().alias() + ": no source is named \""
                            + sourceName + "\""
                    : "application " + app.ref() + " has no source to write to";
        }
        SourceType type = target.get().type();
        if (target.get().refOnly()
                || (type != SourceType.HELM && type != SourceType.KUSTOMIZE && type != SourceType.PLUGIN)) {
            return "application " + app.ref() + ": source type " + describe(target.get())
                    + " cannot take image updates with the argocd write-back (Helm, Kustomize or Plugin only)";
        }
        return null;
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
    private GenericKubernetesResource patch(
            GenericKubernetesResource base, GenericKubernetesResource edited, Edit edit) {
        List<ApplicationPatch.SourceEdit> sources = new ArrayList<>();
        edit.sources()
                .forEach((index, type) -> sources.add(new ApplicationPatch.SourceEdit(
                        index,
                        type,
                        ApplicationSource.at(spec(base), index).orElseThrow().source(),
                        ApplicationSource.at(spec(edited), index).orElseThrow().source())));
        ApplicationPatch patch = ApplicationPatch.of(base.getMetadata().getUid(), sources);
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

    private static String describe(ApplicationSource source) {
        String type = source.type() == SourceType.UNKNOWN
                ? "(unknown)"
                : source.type().value();
        return source.refOnly() ? type + " (ref-only " + source.path() + ")" : type + " (" + source.path() + ")";
    }

    /** What editing did; {@code sources} says which sources were edited (index to type). */
    record Edit(
            List<PlannedChange> applied, List<PlannedChange> current, String error, Map<Integer, SourceType> sources) {
        static Edit error(String message) {
            return new Edit(List.of(), List.of(), message, Map.of());
        }

        WriteResult result() {
            return new WriteResult(applied, current, error);
        }
    }
}
