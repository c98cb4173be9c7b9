package io.imageupdater.updater;

import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure: the JSON merge patch (RFC 7386) that writes an ImageUpdater's status through its {@code status}
 * subresource. Every field the updater owns is named, a field it no longer sets as {@code null} (removed); fields
 * others wrote to the status are left alone.
 */
public final class StatusPatch {

    private StatusPatch() {}

    /** {@code {"status": {...}}}. */
    public static Map<String, Object> of(ImageUpdaterStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : ImageUpdaterStatus.class.getRecordComponents()) {
            fields.put(component.getName(), null);
        }
        fields.putAll(ImageUpdaterResource.toMap(status));
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("status", fields);
        return patch;
    }
}
