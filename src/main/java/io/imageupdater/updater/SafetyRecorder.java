package io.imageupdater.updater;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.writeback.argocd.ApplicationEvents;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The safety part of the report step, per Application after its write-back: keeps the updater's record on the
 * Application ({@link SafetyChanges}), removes used approvals and resume entries, records versions rolled back on
 * annotation-managed Applications, and raises the {@code ImageRolledBack} Warning and {@code UpdatePending} Events and
 * counts {@code argocd_image_updater_rollbacks_total}. The annotations are patched from a fresh read with its
 * resourceVersion (retried on conflict), so approvals added meanwhile survive. A failure is logged, never thrown.
 */
@ApplicationScoped
class SafetyRecorder {
    static final String ROLLED_BACK = "ImageRolledBack";
    static final String PENDING = "UpdatePending";
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ApplicationEvents events;
    private final UpdaterMetrics metrics;

    SafetyRecorder(KubernetesClient client, ApplicationEvents events, UpdaterMetrics metrics) {
        this.client = client;
        this.events = events;
        this.metrics = metrics;
    }

    /** Records what the finished Application's cycle means for its safety state; never throws. */
    void record(PlannedApplication item) {
        try {
            if (item.decision() == null || item.decision().safety() == null || item.result() == null) {
                return;
            }
            SafetyChanges changes = SafetyChanges.of(item);
            changes.logs().forEach(line -> Log.info(line));
            patch(item.plan().application(), changes);
            GenericKubernetesResource listed = item.plan().application().listed();
            ImageUpdaterResource owner = item.owner();
            for (SafetyChanges.Notice notice : changes.notices()) {
                if (notice.rollback()) {
                    metrics.rolledBack(
                            item.plan().application().name(),
                            owner == null ? null : owner.name(),
                            owner == null ? null : owner.namespace());
                }
                if (listed != null) {
                    events.raise(listed, notice.rollback() ? "Warning" : "Normal", notice.reason(), notice.message());
                }
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "application %s: could not record its safety state", item.ref());
        }
    }

    private void patch(ArgoApplication app, SafetyChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                metrics.kubernetesRequest();
                GenericKubernetesResource fresh = client.genericKubernetesResources(ArgoApplication.CONTEXT)
                        .inNamespace(app.namespace())
                        .withName(app.name())
                        .get();
                if (fresh == null) {
                    return;
                }
                Map<String, String> annotations = fresh.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : fresh.getMetadata().getAnnotations();
                Map<String, String> wanted = changes.apply(annotations);
                Map<String, Object> diff = new LinkedHashMap<>();
                wanted.forEach((key, value) -> {
                    if (!Objects.equals(annotations.get(key), value)) {
                        diff.put(key, value);
                    }
                });
                if (diff.isEmpty()) {
                    return;
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("resourceVersion", fresh.getMetadata().getResourceVersion());
                metadata.put("annotations", diff);
                metrics.kubernetesRequest();
                client.genericKubernetesResources(ArgoApplication.CONTEXT)
                        .inNamespace(app.namespace())
                        .withName(app.name())
                        .patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                client.getKubernetesSerialization().asJson(Map.of("metadata", metadata)));
                return;
            } catch (KubernetesClientException e) {
                metrics.kubernetesError();
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    Log.warnf("application %s: could not write its safety annotations: %s", app.ref(), e.getMessage());
                    return;
                }
            }
        }
    }

    static List<String> keys() {
        return List.of(Annotations.SAFETY_STATE, Annotations.APPROVE, Annotations.RESUME, Annotations.BLOCKED_VERSIONS);
    }
}
