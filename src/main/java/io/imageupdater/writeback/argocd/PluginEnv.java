package io.imageupdater.writeback.argocd;

import io.imageupdater.argocd.PluginTarget;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits a Plugin source's {@code plugin.env} in place: an existing entry keeps its position, a missing one is
 * appended. Argo CD passes each entry to the plugin as {@code ARGOCD_ENV_<name>}.
 */
final class PluginEnv {

    private PluginEnv() {}

    /** The env values a change asks for, in write order. */
    static Map<String, String> wanted(PlannedChange planned) {
        PluginTarget plugin = planned.spec().plugin();
        ImageRef to = planned.change().to();
        Map<String, String> values = new LinkedHashMap<>();
        if (plugin.imageSpec() != null) {
            values.put(plugin.imageSpec(), to.toString());
        } else {
            values.put(plugin.imageName(), to.nameWithRegistry());
            values.put(plugin.imageTag(), ImageChange.version(to));
        }
        return values;
    }

    /** Applies one change to a source map; returns whether any env value changed. */
    @SuppressWarnings("unchecked")
    static boolean apply(Map<String, Object> source, PlannedChange planned) {
        Map<String, Object> plugin = (Map<String, Object>) source.computeIfAbsent("plugin", k -> new LinkedHashMap<>());
        List<Object> env = plugin.get("env") instanceof List<?> existing ? (List<Object>) existing : new ArrayList<>();
        boolean changed = false;
        for (Map.Entry<String, String> wanted : wanted(planned).entrySet()) {
            changed |= set(env, wanted.getKey(), wanted.getValue());
        }
        if (changed) {
            plugin.put("env", env);
        }
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static boolean set(List<Object> env, String name, String value) {
        for (Object item : env) {
            if (item instanceof Map<?, ?> map && name.equals(map.get("name"))) {
                if (value.equals(String.valueOf(map.get("value")))) {
                    return false;
                }
                ((Map<String, Object>) map).put("value", value);
                return true;
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value);
        env.add(entry);
        return true;
    }
}
