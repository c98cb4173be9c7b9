package io.imageupdater.argocd;

/**
 * The {@code plugin.env} entries of a Plugin source an image is written to (Argo CD hands them to the plugin as
 * {@code ARGOCD_ENV_<name>}).
 *
 * @param imageName the entry holding registry and repository ({@code IMAGE_NAME} by default)
 * @param imageTag  the entry holding the tag ({@code IMAGE_TAG} by default)
 * @param imageSpec when set, the single entry holding the whole {@code image:tag}, used instead of the other two;
 *                  else {@code null}
 */
public record PluginTarget(String imageName, String imageTag, String imageSpec) {
    public static final String DEFAULT_IMAGE_NAME = "IMAGE_NAME";
    public static final String DEFAULT_IMAGE_TAG = "IMAGE_TAG";
    public static final PluginTarget DEFAULTS = new PluginTarget(null, null, null);

    public PluginTarget {
        imageName = blank(imageName) ? DEFAULT_IMAGE_NAME : imageName.strip();
        imageTag = blank(imageTag) ? DEFAULT_IMAGE_TAG : imageTag.strip();
        imageSpec = blank(imageSpec) ? null : imageSpec.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
