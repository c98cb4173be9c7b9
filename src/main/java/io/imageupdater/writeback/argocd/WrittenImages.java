package io.imageupdater.writeback.argocd;

import io.imageupdater.argocd.ApplicationSource;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.HelmParameter;
import io.imageupdater.argocd.HelmTarget;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.PluginTarget;
import io.imageupdater.argocd.SourceType;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.InvalidImageReferenceException;
import java.util.Optional;

/** Pure: the version of an image that an Application's {@code argocd} write-back target names now. */
public final class WrittenImages {

    private WrittenImages() {}

    /**
     * The version ({@code tag}, {@code tag@digest} or {@code @digest}) the Application's source names for the image:
     * its Helm parameter(s), or its Kustomize images entry; empty when the source names none.
     */
    public static Optional<String> named(ArgoApplication app, ImageSpec spec) {
        Optional<ApplicationSource> source = app.sourceFor(spec.sourceName());
        if (source.isEmpty()) {
            return Optional.empty();
        }
        SourceType type = source.get().type();
        if (type == SourceType.HELM) {
            return helm(source.get(), spec.helm());
        }
        if (type == SourceType.PLUGIN) {
            return plugin(source.get(), spec.plugin());
        }
        if (type == SourceType.KUSTOMIZE) {
            ImageRef image = spec.entry().image();
            return source.get().kustomizeImages().stream()
                    .filter(entry -> KustomizeImages.matches(entry, spec, image))
                    .findFirst()
                    .map(KustomizeImages::version)
                    .filter(version -> !version.isBlank());
        }
        return Optional.empty();
    }

    private static Optional<String> helm(ApplicationSource source, HelmTarget target) {
        if (target.imageSpec() != null) {
            return parameter(source, target.imageSpec()).flatMap(value -> {
                try {
                    return Optional.of(ImageChange.version(ImageRef.parse(value)));
                } catch (InvalidImageReferenceException e) {
                    return Optional.empty();
                }
            });
        }
        return parameter(source, target.imageTag());
    }

    private static Optional<String> plugin(ApplicationSource source, PluginTarget target) {
        String name = target.imageSpec() != null ? target.imageSpec() : target.imageTag();
        String value = source.pluginEnv().get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (target.imageSpec() == null) {
            return Optional.of(value);
        }
        try {
            return Optional.of(ImageChange.version(ImageRef.parse(value)));
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> parameter(ApplicationSource source, String name) {
        return source.helmParameters().stream()
                .filter(parameter -> parameter.name().equals(name))
                .map(HelmParameter::value)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
