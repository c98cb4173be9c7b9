package io.imageupdater.writeback.argocd;

import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.InvalidImageReferenceException;
import io.imageupdater.writeback.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits a source's {@code kustomize.images} ({@code [orig=]image:tag}, {@code [orig=]image:tag@digest} as
 * {@code kustomize edit set image} takes it for newTag plus digest, or {@code [orig=]image@digest}): the
 * entry for the same image is replaced where it stands, never duplicated.
 */
final class KustomizeImages {

    private KustomizeImages() {}

    /** The entry a change asks for. */
    static String wanted(PlannedChange planned) {
        ImageRef to = planned.change().to();
        String orig = planned.spec().kustomizeImageName();
        String version = (to.tag() != null ? ":" + to.tag() : "") + (to.digest() != null ? "@" + to.digest() : "");
        return (orig != null ? orig + "=" : "") + to.nameWithRegistry() + version;
    }

    /** Applies one change to a source map; returns whether the images list changed. */
    @SuppressWarnings("unchecked")
    static boolean apply(Map<String, Object> source, PlannedChange planned) {
        String entry = wanted(planned);
        Map<String, Object> kustomize =
                source.get("kustomize") instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
        List<Object> images =
                kustomize.get("images") instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        List<Object> edited = new ArrayList<>();
        boolean placed = false;
        for (Object existing : images) {
            if (!matches(String.valueOf(existing), planned)) {
                edited.add(existing);
            } else if (!placed) {
                edited.add(replacement(String.valueOf(existing), entry, planned));
                placed = true;
            } // a further entry for the same image would shadow ours: drop it
        }
        if (!placed) {
            edited.add(entry);
        }
        if (edited.equals(images)) {
            return false;
        }
        kustomize.put("images", edited);
        source.put("kustomize", kustomize);
        return true;
    }

    /** Without kustomize.image-name, an entry's own {@code orig=} part is kept. */
    private static String replacement(String existing, String entry, PlannedChange planned) {
        int equals = existing.indexOf('=');
        if (planned.spec().kustomizeImageName() != null || equals < 0) {
            return entry;
        }
        return existing.substring(0, equals).strip() + "=" + entry;
    }

    /** Whether an existing entry is about the image of a change (by its {@code orig=} part or its image name). */
    static boolean matches(String existing, PlannedChange planned) {
        return matches(existing, planned.spec(), planned.change().to());
    }

    /**
     * Whether an existing entry is about {@code to}'s image, configured by {@code spec}. As Kustomize reads an
     * entry, its key is its {@code orig=} part, else its image name: with {@code kustomize.image-name} the key must
     * be that name; without, the image's repository (by its key or, keeping an {@code orig=} part, its image). So two aliases of one image with different
     * {@code kustomize.image-name}s never take each other's entry.
     */
    static boolean matches(String existing, ImageSpec spec, ImageRef to) {
        int equals = existing.indexOf('=');
        String origPart = equals < 0 ? null : existing.substring(0, equals).strip();
        String name = imageName(
                equals < 0 ? existing.strip() : existing.substring(equals + 1).strip());
        String entryKey = origPart != null ? origPart : name;
        String orig = spec.kustomizeImageName();
        if (orig != null) {
            return orig.equals(entryKey) || sameRepository(entryKey, orig);
        }
        String key = to.nameWithRegistry();
        return key.equals(origPart) || key.equals(name) || sameRepository(name, to) || sameRepository(entryKey, to);
    }

    private static boolean sameRepository(String a, String b) {
        try {
            return ImageRef.parse(a).sameRepository(ImageRef.parse(b));
        } catch (InvalidImageReferenceException e) {
            return false;
        }
    }

    /** The version ({@code tag}, {@code tag@digest} or {@code @digest}) an entry names. */
    static String version(String existing) {
        int equals = existing.indexOf('=');
        String image = (equals < 0 ? existing : existing.substring(equals + 1)).strip();
        return image.substring(imageName(image).length()).replaceFirst("^:", "");
    }

    private static String imageName(String image) {
        String rest = image;
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        return colon > rest.lastIndexOf('/') ? rest.substring(0, colon) : rest;
    }

    private static boolean sameRepository(String name, ImageRef image) {
        try {
            return ImageRef.parse(name).sameRepository(image);
        } catch (InvalidImageReferenceException e) {
            return false;
        }
    }
}
