package io.imageupdater.writeback.argocd;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.writeback.PlannedChange;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Raises the {@code ImagesUpdated} Event on an Application; a failure is logged, never thrown. */
@ApplicationScoped
public class ApplicationEvents {
    public static final String REASON = "ImagesUpdated";
    static final String COMPONENT = "image-updater";

    private final KubernetesClient client;
    private final UpdaterMetrics metrics;
    private final Clock clock;

    public ApplicationEvents(KubernetesClient client, UpdaterMetrics metrics, Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The Event message: every changed image with its old and new version. */
    static String message(List<PlannedChange> changes) {
        return "Updated images: "
                + changes.stream()
                        .map(PlannedChange::change)
                        .map(c -> c.alias() + " " + version(c.from()) + " -> " + version(c.to()))
                        .collect(Collectors.joining(", "));
    }

    void imagesUpdated(GenericKubernetesResource application, List<PlannedChange> changes) {
        raise(application, "Normal", REASON, message(changes));
    }

    /**
     * Raises an Event of {@code type} ({@code Normal} or {@code Warning}) with {@code reason} on an Application; a
     * failure is logged, never thrown.
     */
    public void raise(GenericKubernetesResource application, String type, String reason, String message) {
        var meta = application.getMetadata();
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(meta.getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(meta.getNamespace())
                .endMetadata()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(ArgoApplication.API_VERSION)
                        .withKind(ArgoApplication.KIND)
                        .withName(meta.getName())
                        .withNamespace(meta.getNamespace())
                        .withUid(meta.getUid())
                        .withResourceVersion(meta.getResourceVersion())
                        .build())
                .withNewSource()
                .withComponent(COMPONENT)
                .endSource()
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            metrics.kubernetesRequest();
            client.v1()
                    .events()
                    .inNamespace(meta.getNamespace())
                    .resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            metrics.kubernetesError();
            Log.warnf(
                    "Application %s/%s: could not create the %s Event: %s",
                    meta.getNamespace(), meta.getName(), reason, e.getMessage());
        }
    }

    private static String version(ImageRef image) {
        String version = ImageChange.version(image);
        return version.isEmpty() ? "(unknown)" : version;
    }
}
