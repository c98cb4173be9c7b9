package io.imageupdater.updater;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.time.Clock;

/**
 * Writes an ImageUpdater resource's status subresource after a cycle, only when it changed: one JSON merge patch of
 * the fields the updater owns ({@link StatusPatch}), so neither a fresh read nor a conflict retry is needed and
 * status fields written by others survive. A failure is logged, never thrown.
 */
@ApplicationScoped
class ResourceStatusWriter {
    private final KubernetesClient client;
    private final UpdaterMetrics metrics;
    private final Clock clock;

    ResourceStatusWriter(KubernetesClient client, UpdaterMetrics metrics, Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Returns whether the status was written. */
    boolean write(ResourceResult result) {
        return write(result, ResourceStatuses.next(result.resource().status(), result, clock.instant()));
    }

    /** After a targeted cycle: see {@link ResourceStatuses#afterTargeted}. Returns whether the status was written. */
    boolean writeTargeted(ResourceResult result) {
        return write(result, ResourceStatuses.afterTargeted(result.resource().status(), result, clock.instant()));
    }

    private boolean write(ResourceResult result, ImageUpdaterStatus next) {
        ImageUpdaterResource resource = result.resource();
        if (!ResourceStatuses.changed(resource.status(), next)) {
            Log.debugf("ImageUpdater %s: status unchanged", resource.ref());
            return false;
        }
        try {
            metrics.kubernetesRequest();
            client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                    .inNamespace(resource.namespace())
                    .withName(resource.name())
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), json(next));
            return true;
        } catch (KubernetesClientException e) {
            metrics.kubernetesError();
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                Log.debugf("ImageUpdater %s was deleted before its status could be written", resource.ref());
            } else {
                Log.warnf("ImageUpdater %s: could not write its status: %s", resource.ref(), e.getMessage());
            }
            return false;
        }
    }

    private String json(ImageUpdaterStatus status) {
        return client.getKubernetesSerialization().asJson(StatusPatch.of(status));
    }
}
