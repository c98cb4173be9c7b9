package io.imageupdater.updater;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterSpec;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an ImageUpdater resource's status subresource after a cycle, only when it changed: one JSON merge patch of
 * the fields the updater owns ({@link StatusPatch}), so neither a fresh read nor a conflict retry is needed and
 * status fields written by others survive. A failure is logged, never thrown.
 */
@ApplicationScoped
class ResourceStatusWriter {
    static final int MAX_SIGHTINGS = 200;
    private final KubernetesClient client;
    private final UpdaterMetrics metrics;
    private final Clock clock;
    private final FirstSeenTags firstSeen;

    ResourceStatusWriter(KubernetesClient client, UpdaterMetrics metrics, Clock clock, FirstSeenTags firstSeen) {
        this.firstSeen = firstSeen;
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Returns whether the status was written. */
    boolean write(ResourceResult result) {
        return write(
                result,
                ResourceStatuses.next(
                        result.resource().status(), result, clock.instant(), sightings(result.resource())));
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

    /** The first sightings of tags of the images the resource names (only images with a min-age have any). */
    private List<ImageUpdaterStatus.TagSighting> sightings(ImageUpdaterResource resource) {
        Set<String> repositories = new HashSet<>();
        for (ImageUpdaterSpec.ApplicationRef ref : resource.spec().applicationRefs()) {
            for (ImageUpdaterSpec.ImageConfig image : ref.images()) {
                try {
                    repositories.add(ImageListEntry.parse(image.alias() + "=" + image.imageName())
                            .image()
                            .nameWithRegistry());
                } catch (RuntimeException e) {
                    // reported as the image's error elsewhere
                }
            }
        }
        return firstSeen.entries(repositories, MAX_SIGHTINGS).stream()
                .map(entry -> new ImageUpdaterStatus.TagSighting(entry[0], entry[1], entry[2]))
                .toList();
    }

    private String json(ImageUpdaterStatus status) {
        return client.getKubernetesSerialization().asJson(StatusPatch.of(status));
    }
}
