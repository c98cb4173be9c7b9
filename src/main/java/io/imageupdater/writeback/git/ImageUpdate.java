package io.imageupdater.writeback.git;

import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One image to write into a file, with the keys that say where it goes.
 *
 * @param alias         the alias from the image list, for messages
 * @param image         the new image, with its tag and, for digest tracking, its digest
 * @param helmNameKey   Helm value path that gets registry and repository, or {@code null}
 * @param helmTagKey    Helm value path that gets {@code tag} or {@code tag@digest}, or {@code null}
 * @param helmSpecKey   Helm value path that gets the full reference, or {@code null}
 * @param kustomizeName the image name the Kustomize {@code images} entry matches, or {@code null} for the image's
 *                      own name
 */
public record ImageUpdate(
        String alias, ImageRef image, String helmNameKey, String helmTagKey, String helmSpecKey, String kustomizeName) {

    public ImageUpdate {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(image, "image");
        helmNameKey = blankToNull(helmNameKey);
        helmTagKey = blankToNull(helmTagKey);
        helmSpecKey = blankToNull(helmSpecKey);
        kustomizeName = blankToNull(kustomizeName);
    }

    /** An update for a Kustomize source. */
    public static ImageUpdate kustomize(String alias, ImageRef image, String kustomizeName) {
        return new ImageUpdate(alias, image, null, null, null, kustomizeName);
    }

    /** An update for a Helm source. */
    public static ImageUpdate helm(String alias, ImageRef image, String nameKey, String tagKey, String specKey) {
        return new ImageUpdate(alias, image, nameKey, tagKey, specKey, null);
    }

    /** The name Kustomize finds in the manifests and replaces: {@link #kustomizeName} or the image name. */
    public String originalName() {
        return kustomizeName != null ? kustomizeName : image.nameWithRegistry();
    }

    /** {@code [orig=]image:tag[@digest]} as {@code kustomize edit set image} takes it. */
    public String kustomizeImage() {
        String orig = originalName();
        return orig.equals(image.nameWithRegistry()) ? image.toString() : orig + "=" + image;
    }

    /** The Helm value paths that are set, each with its new value, in name, tag, spec order. */
    public Map<String, String> helmValues() {
        Map<String, String> values = new LinkedHashMap<>();
        if (helmNameKey != null) {
            values.put(helmNameKey, image.nameWithRegistry());
        }
        if (helmTagKey != null) {
            values.put(helmTagKey, ImageChange.version(image));
        }
        if (helmSpecKey != null) {
            values.put(helmSpecKey, image.toString());
        }
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
