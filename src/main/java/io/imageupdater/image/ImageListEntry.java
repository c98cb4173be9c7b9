package io.imageupdater.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the {@code image-list} annotation (or a custom resource's {@code imageName}):
 * {@code [alias=]image[:constraint]}. The part after the colon is a version constraint for
 * semver, a tag to track for digest, or nothing.
 *
 * @param alias      the alias, or {@code null}
 * @param image      the image, without tag or digest
 * @param constraint the constraint as written, or {@code null}
 */
public record ImageListEntry(String alias, ImageRef image, String constraint) {

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public ImageListEntry {
        Objects.requireNonNull(image, "image");
        if (alias != null && !ALIAS.matcher(alias).matches()) {
            throw new InvalidImageReferenceException(
                    String.valueOf(alias), "an alias may hold letters, digits, '.', '_' and '-'");
        }
        if (image.tag() != null || image.digest() != null) {
            image = image.withoutVersion();
        }
        if (constraint != null && constraint.isBlank()) {
            constraint = null;
        }
    }

    public static ImageListEntry parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidImageReferenceException(String.valueOf(text), "the image-list entry is empty");
        }
        String rest = text.strip();
        String alias = null;
        int equals = rest.indexOf('=');
        if (equals > 0 && ALIAS.matcher(rest.substring(0, equals)).matches()) {
            alias = rest.substring(0, equals);
            rest = rest.substring(equals + 1).strip();
        }
        int colon = rest.indexOf(':', afterRegistry(rest));
        String imagePart = colon < 0 ? rest : rest.substring(0, colon);
        String constraint = colon < 0 ? null : rest.substring(colon + 1).strip();
        if (imagePart.contains("@")) {
            throw new InvalidImageReferenceException(text, "an image-list entry takes a constraint, not a digest");
        }
        ImageRef image;
        try {
            image = ImageRef.parse(imagePart);
        } catch (InvalidImageReferenceException e) {
            throw new InvalidImageReferenceException(text, e.problem());
        }
        if (colon >= 0 && constraint.isEmpty()) {
            throw new InvalidImageReferenceException(text, "nothing follows the ':'");
        }
        return new ImageListEntry(alias, image, constraint);
    }

    /** Index after which a ':' separates the constraint (skips a registry's port). */
    private static int afterRegistry(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return 0;
        }
        String first = text.substring(0, slash);
        boolean isRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return isRegistry ? slash + 1 : 0;
    }

    /** The alias if one was given, else the image name as written. */
    public String aliasOrName() {
        return alias != null ? alias : image.nameWithRegistry();
    }

    @Override
    public String toString() {
        return (alias != null ? alias + "=" : "") + image + (constraint != null ? ":" + constraint : "");
    }
}
