package io.imageupdater.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.InvalidImageReferenceException;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the updater reads of an Argo CD Application.
 *
 * @param namespace       its namespace
 * @param name            its name
 * @param uid             its uid (for Events), or {@code null}
 * @param resourceVersion the resourceVersion it was read at
 * @param labels          its labels
 * @param annotations     its annotations
 * @param sourceType      {@code status.sourceType}, or what its source looks like when the status does not say
 * @param liveImages      the images it runs ({@code status.summary.images})
 * @param source          the source image updates apply to, if it has one
 * @param listed          the resource as it was read, so a write-back can start from it without reading again
 *                        (never modified: writers edit a copy)
 * @param sources         every source ({@code spec.source}, each of {@code spec.sources}, or the
 *                        {@code spec.sourceHydrator.drySource}), each with its type as Argo CD reports it
 */
public record ArgoApplication(
        String namespace,
        String name,
        String uid,
        String resourceVersion,
        Map<String, String> labels,
        Map<String, String> annotations,
        SourceType sourceType,
        List<ImageRef> liveImages,
        Optional<ApplicationSource> source,
        GenericKubernetesResource listed,
        List<ApplicationSource> sources) {

    public static final String API_VERSION = "argoproj.io/v1alpha1";
    public static final String KIND = "Application";
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io")
            .withVersion("v1alpha1")
            .withKind(KIND)
            .withPlural("applications")
            .withNamespaced(true)
            .build();

    public ArgoApplication {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        sourceType = sourceType == null ? SourceType.UNKNOWN : sourceType;
        liveImages = List.copyOf(liveImages);
        source = source == null ? Optional.empty() : source;
        sources = sources == null ? source.stream().toList() : List.copyOf(sources);
    }

    public ArgoApplication(
            String namespace,
            String name,
            String uid,
            String resourceVersion,
            Map<String, String> labels,
            Map<String, String> annotations,
            SourceType sourceType,
            List<ImageRef> liveImages,
            Optional<ApplicationSource> source,
            GenericKubernetesResource listed) {
        this(namespace, name, uid, resourceVersion, labels, annotations, sourceType, liveImages, source, listed, null);
    }

    public static ArgoApplication from(GenericKubernetesResource resource) {
        ObjectMeta meta = resource.getMetadata();
        String ref = meta.getNamespace() + "/" + meta.getName();
        List<ApplicationSource> sources = ApplicationSources.read(resource);
        Optional<ApplicationSource> source = ApplicationSources.defaultTarget(resource, sources);
        return new ArgoApplication(
                meta.getNamespace(),
                meta.getName(),
                meta.getUid(),
                meta.getResourceVersion(),
                meta.getLabels(),
                meta.getAnnotations(),
                source.map(ApplicationSource::type).orElse(SourceType.UNKNOWN),
                liveImages(resource, ref),
                source,
                resource,
                sources);
    }

    /**
     * The source an image's updates go to: with a {@code sourceName}, the source of that {@code name} (empty when
     * none has it); else the default target ({@link #source()}).
     */
    public Optional<ApplicationSource> sourceFor(String sourceName) {
        if (sourceName == null || sourceName.isBlank()) {
            return source;
        }
        return sources.stream().filter(s -> sourceName.strip().equals(s.name())).findFirst();
    }

    /** Whether the Application renders from {@code spec.sourceHydrator}. */
    public boolean hydrated() {
        return sources.stream().anyMatch(s -> s.index() == ApplicationSource.DRY_SOURCE);
    }

    private static List<ImageRef> liveImages(GenericKubernetesResource resource, String ref) {
        List<ImageRef> images = new ArrayList<>();
        if (resource.get("status", "summary", "images") instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    Log.debugf("Application %s: skipping live image %s: not a string", ref, item);
                    continue;
                }
                try {
                    images.add(ImageRef.parse(text));
                } catch (InvalidImageReferenceException e) {
                    Log.debugf("Application %s: skipping live image %s: %s", ref, item, e.getMessage());
                }
            }
        }
        return images;
    }

    /** Whether the Application runs some version of the image's repository. */
    public boolean runs(ImageRef image) {
        return liveImages.stream().anyMatch(live -> live.sameRepository(image));
    }

    /** The version of the image's repository the Application runs, if it runs it. */
    public Optional<ImageRef> liveImage(ImageRef image) {
        return liveImages.stream().filter(live -> live.sameRepository(image)).findFirst();
    }

    /** {@code namespace/name}. */
    public String ref() {
        return namespace + "/" + name;
    }
}
