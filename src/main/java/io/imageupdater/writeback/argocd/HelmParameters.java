package io.imageupdater.writeback.argocd;

import io.imageupdater.argocd.HelmTarget;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits a source's {@code helm.parameters} in place: an existing parameter keeps its position and its other
 * fields, a missing one is appended; every written parameter is {@code forceString: true}.
 */
final class HelmParameters {

    private HelmParameters() {}

    /** The parameter values a change asks for, in write order. */
    static Map<String, String> wanted(PlannedChange planned) {
        HelmTarget helm = planned.spec().helm();
        ImageRef to = planned.change().to();
        Map<String, String> values = new LinkedHashMap<>();
        if (helm.imageSpec() != null) {
            values.put(helm.imageSpec(), to.toString());
        } else {
            values.put(helm.imageName(), to.nameWithRegistry());
            values.put(helm.imageTag(), ImageChange.version(to));
        }
        return values;
    }

    /** Applies one change to a source map; returns whether any parameter value changed. */
    @SuppressWarnings("unchecked")
    static boolean apply(Map<String, Object> source, PlannedChange planned) {
        Map<String, String> wanted = wanted(planned);
        List<Map<String, Object>> parameters = parameters(source);
        if (wanted.entrySet().stream().allMatch(e -> hasValue(parameters, e.getKey(), e.getValue()))) {
            return false;
        }
        Map<String, Object> helm = (Map<String, Object>) source.computeIfAbsent("helm", k -> new LinkedHashMap<>());
        List<Object> list =
                helm.get("parameters") instanceof List<?> existing ? (List<Object>) existing : new ArrayList<>();
        helm.put("parameters", list);
        wanted.forEach((name, value) -> set(list, name, value));
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void set(List<Object> list, String name, String value) {
        for (Object item : list) {
            if (item instanceof Map<?, ?> map && name.equals(map.get("name"))) {
                Map<String, Object> parameter = (Map<String, Object>) map;
                parameter.put("value", value);
                parameter.put("forceString", true);
                return;
            }
        }
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", name);
        parameter.put("value", value);
        parameter.put("forceString", true);
        list.add(parameter);
    }

    private static boolean hasValue(List<Map<String, Object>> parameters, String name, String value) {
        return parameters.stream()
                .anyMatch(p -> name.equals(p.get("name")) && value.equals(String.valueOf(p.get("value"))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Map<String, Object> source) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (source.get("helm") instanceof Map<?, ?> helm && helm.get("parameters") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(item -> result.add((Map<String, Object>) item));
        }
        return result;
    }
}
