package io.imageupdater.updater;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Writes an ImageUpdater resource's status subresource after a cycle, only when it changed. Reads the resource
 * fresh, replaces only {@code status} and retries on conflict; a failure is logged, never thrown.
 */
@ApplicationScoped
class ResourceStatusWriter {
    static final int ATTEMPTS = 3;

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
        ImageUpdaterResource resource = result.resource();
        ImageUpdaterStatus next = ResourceStatuses.next(resource.status(), result, clock.instant());
        if (!ResourceStatuses.changed(resource.status(), next)) {
            Log.debugf("ImageUpdater %s: status unchanged", resource.ref());
            return false;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                metrics.kubernetesRequest();
                GenericKubernetesResource current = client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                        .inNamespace(resource.namespace())
                        .withName(resource.name())
                        .get();
                if (current == null) {
                    Log.debugf("ImageUpdater %s was deleted before its status could be written", resource.ref());
                    return false;
                }
                current.getAdditionalProperties().put("status", ImageUpdaterResource.toMap(next));
                metrics.kubernetesRequest();
                client.genericKubernetesResources(ImageUpdaterResource.CONTEXT)
                        .inNamespace(resource.namespace())
                        .resource(current)
                        .updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                metrics.kubernetesError();
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    Log.warnf("ImageUpdater %s: could not write its status: %s", resource.ref(), e.getMessage());
                    return false;
                }
            }
        }
        return false;
    }
}
