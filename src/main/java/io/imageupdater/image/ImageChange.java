package io.imageupdater.image;

import java.util.Objects;

/**
 * One decided update: the image as the Application runs it now and as it should run it.
 *
 * @param alias the alias from the image list (or the image name when there is none)
 * @param from  the current image (tag or digest may be null when unknown)
 * @param to    the new image, with its tag and, for digest tracking, its digest
 */
public record ImageChange(String alias, ImageRef from, ImageRef to) {
    public ImageChange {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The version as written back: {@code tag}, {@code tag@digest} or {@code @digest}. */
    public static String version(ImageRef image) {
        String tag = image.tag() == null ? "" : image.tag();
        return image.digest() == null ? tag : tag + "@" + image.digest();
    }

    @Override
    public String toString() {
        return alias + ": " + version(from) + " -> " + version(to);
    }
}
