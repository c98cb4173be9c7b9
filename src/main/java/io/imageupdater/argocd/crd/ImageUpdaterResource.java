package io.imageupdater.argocd.crd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.imageupdater.ImageUpdaterException;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the updater reads of an ImageUpdater resource ({@code argocd-image-updater.argoproj.io/v1alpha1}).
 *
 * @param namespace       its namespace, where its Applications are looked for
 * @param name            its name
 * @param generation      {@code metadata.generation} (0 when the server does not set it)
 * @param created         {@code metadata.creationTimestamp}, or {@link Instant#MAX} when unknown
 * @param resourceVersion the resourceVersion it was read at
 * @param spec            its spec
 * @param status          its status, or {@code null}
 */
public record ImageUpdaterResource(
        String namespace,
        String name,
        long generation,
        Instant created,
        String resourceVersion,
        ImageUpdaterSpec spec,
        ImageUpdaterStatus status) {

    public static final String GROUP = "argocd-image-updater.argoproj.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "ImageUpdater";
    public static final String PLURAL = "imageupdaters";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP)
            .withVersion(VERSION)
            .withKind(KIND)
            .withPlural(PLURAL)
            .withNamespaced(true)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ImageUpdaterResource {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        created = created == null ? Instant.MAX : created;
        spec = spec == null ? new ImageUpdaterSpec(null, null, null, null) : spec;
    }

    /** @throws ImageUpdaterException naming the resource when its spec has the wrong shape (a bad status is none) */
    public static ImageUpdaterResource from(GenericKubernetesResource resource) {
        ObjectMeta meta = resource.getMetadata();
        String ref = meta.getNamespace() + "/" + meta.getName();
        Map<String, Object> properties = resource.getAdditionalProperties();
        try {
            ImageUpdaterSpec spec = MAPPER.convertValue(properties.get("spec"), ImageUpdaterSpec.class);
            ImageUpdaterStatus status = status(properties.get("status"), ref);
            return new ImageUpdaterResource(
                    meta.getNamespace(),
                    meta.getName(),
                    meta.getGeneration() == null ? 0 : meta.getGeneration(),
                    created(meta.getCreationTimestamp()),
                    meta.getResourceVersion(),
                    spec,
                    status);
        } catch (IllegalArgumentException e) {
            throw new ImageUpdaterException("ImageUpdater " + ref + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The stored status; one of the wrong shape (we wrote it, so it is only ever replaced) is taken as none. */
    private static ImageUpdaterStatus status(Object stored, String ref) {
        try {
            return MAPPER.convertValue(stored, ImageUpdaterStatus.class);
        } catch (IllegalArgumentException e) {
            Log.debugf("ImageUpdater %s: ignoring a status of the wrong shape: %s", ref, e.getMessage());
            return null;
        }
    }

    /** A value as the JSON tree the API server stores ({@code spec} or {@code status}). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }

    private static Instant created(String timestamp) {
        try {
            return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return Instant.MAX;
        }
    }

    /** {@code namespace/name}. */
    public String ref() {
        return namespace + "/" + name;
    }

    /** Whether this resource was created before {@code other} (creation time, then name). */
    public boolean olderThan(ImageUpdaterResource other) {
        int byTime = created.compareTo(other.created);
        return byTime != 0 ? byTime < 0 : name.compareTo(other.name) < 0;
    }
}
