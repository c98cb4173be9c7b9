package io.imageupdater.argocd;

/**
 * The Helm parameters an image is written to.
 *
 * @param imageName the parameter holding registry and repository ({@code image.name} by default)
 * @param imageTag  the parameter holding the tag ({@code image.tag} by default)
 * @param imageSpec when set, the single parameter holding the whole {@code image:tag}, used instead of the
 *                  other two; else {@code null}
 */
public record HelmTarget(String imageName, String imageTag, String imageSpec) {
    public static final String DEFAULT_IMAGE_NAME = "image.name";
    public static final String DEFAULT_IMAGE_TAG = "image.tag";
    public static final HelmTarget DEFAULTS = new HelmTarget(null, null, null);

    public HelmTarget {
        imageName = blankToNull(imageName) == null ? DEFAULT_IMAGE_NAME : imageName.strip();
        imageTag = blankToNull(imageTag) == null ? DEFAULT_IMAGE_TAG : imageTag.strip();
        imageSpec = blankToNull(imageSpec) == null ? null : imageSpec.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
