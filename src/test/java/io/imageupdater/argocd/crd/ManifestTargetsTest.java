package io.imageupdater.argocd.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.PluginTarget;
import io.imageupdater.image.ImageListEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The additive {@code manifestTargets.sourceName} and {@code manifestTargets.plugin} fields of ImageUpdater. */
class ManifestTargetsTest {

    private static final String RESOURCE = """
            apiVersion: argocd-image-updater.argoproj.io/v1alpha1
            kind: ImageUpdater
            metadata: {name: shop, namespace: argocd}
            spec:
              applicationRefs:
              - namePattern: shop
                images:
                - alias: web
                  imageName: ghcr.io/acme/web
                  manifestTargets:
                    sourceName: frontend
                    plugin: {name: WEB_IMAGE, tag: WEB_TAG}
                - alias: api
                  imageName: ghcr.io/acme/api
                  manifestTargets:
                    plugin: {spec: API_IMAGE}
                - alias: db
                  imageName: ghcr.io/acme/db
                  manifestTargets:
                    helm: {name: db.image.repository, tag: db.image.tag}
            """;

    @Test
    void sourceNameAndPluginReachTheImageSpec() {
        List<ImageUpdaterSpec.ImageConfig> images = images();

        ImageSpec web = spec(images.get(0));
        assertEquals("frontend", web.sourceName());
        assertEquals(new PluginTarget("WEB_IMAGE", "WEB_TAG", null), web.plugin());

        ImageSpec api = spec(images.get(1));
        assertNull(api.sourceName());
        assertEquals("API_IMAGE", api.plugin().imageSpec());

        ImageSpec db = spec(images.get(2));
        assertNull(db.sourceName());
        assertEquals(PluginTarget.DEFAULTS, db.plugin());
        assertEquals("db.image.repository", db.helm().imageName());
    }

    @Test
    void theFieldsRoundTripThroughTheModel() {
        ImageUpdaterSpec.ManifestTargets targets = images().get(0).manifestTargets();
        assertEquals(
                java.util.Map.of(
                        "sourceName", "frontend", "plugin", java.util.Map.of("name", "WEB_IMAGE", "tag", "WEB_TAG")),
                ImageUpdaterResource.toMap(targets));
    }

    private static List<ImageUpdaterSpec.ImageConfig> images() {
        GenericKubernetesResource generic = Serialization.unmarshal(RESOURCE, GenericKubernetesResource.class);
        return ImageUpdaterResource.from(generic)
                .spec()
                .applicationRefs()
                .get(0)
                .images();
    }

    private static ImageSpec spec(ImageUpdaterSpec.ImageConfig image) {
        return ResourceSettings.imageSpec(
                ImageListEntry.parse(image.alias() + "=" + image.imageName()),
                ImageUpdaterSpec.UpdateSettings.NONE,
                image.manifestTargets());
    }
}
