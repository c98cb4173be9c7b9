package io.imageupdater.writeback;

import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import java.util.Objects;

/** A decided change together with the image's configuration (which says where and how to write it). */
public record PlannedChange(ImageSpec spec, ImageChange change) {
    public PlannedChange {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(change, "change");
    }

    @Override
    public String toString() {
        return change.toString();
    }
}
