package io.imageupdater.argocd;

import java.util.Map;

/** The kind of an Application's source, as Argo CD reports it in {@code status.sourceType}. */
public enum SourceType {
    HELM("Helm"),
    KUSTOMIZE("Kustomize"),
    DIRECTORY("Directory"),
    PLUGIN("Plugin"),
    UNKNOWN("");

    private final String value;

    SourceType(String value) {
        this.value = value;
    }

    /** The type named by {@code status.sourceType}; {@link #UNKNOWN} when missing or unrecognised. */
    public static SourceType fromStatus(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        for (SourceType type : values()) {
            if (type != UNKNOWN && type.value.equalsIgnoreCase(text.strip())) {
                return type;
            }
        }
        return UNKNOWN;
    }

    /** What a source's own keys say it is, for when the status does not say. */
    static SourceType fromSource(Map<?, ?> source) {
        if (source.containsKey("helm") || source.containsKey("chart")) {
            return HELM;
        }
        if (source.containsKey("kustomize")) {
            return KUSTOMIZE;
        }
        if (source.containsKey("plugin")) {
            return PLUGIN;
        }
        return source.containsKey("directory") ? DIRECTORY : UNKNOWN;
    }

    public String value() {
        return value;
    }
}
