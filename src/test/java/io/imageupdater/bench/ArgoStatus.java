package io.imageupdater.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Application {@code status} the size Argo CD writes for a small service (about 20 KB as JSON): 30 managed
 * resources, 10 history entries with their sources, the last sync operation with its result, health, sync status
 * and a condition.
 */
final class ArgoStatus {
    private ArgoStatus() {}

    static Map<String, Object> realistic(String namespace, String name, String liveImage, Map<String, Object> spec) {
        Object source = spec.get("source");
        Map<String, Object> status = new LinkedHashMap<>();
        List<Map<String, Object>> resources = new ArrayList<>();
        List<Map<String, Object>> synced = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            String kind = r % 3 == 0 ? "Deployment" : r % 3 == 1 ? "Service" : "ConfigMap";
            String resource = name + "-" + kind.toLowerCase() + "-" + r;
            resources.add(Map.of(
                    "group",
                    r % 3 == 0 ? "apps" : "",
                    "version",
                    "v1",
                    "kind",
                    kind,
                    "namespace",
                    namespace,
                    "name",
                    resource,
                    "status",
                    "Synced",
                    "health",
                    Map.of("status", "Healthy", "message", "all replicas are available and up to date")));
            synced.add(Map.of(
                    "group",
                    r % 3 == 0 ? "apps" : "",
                    "version",
                    "v1",
                    "kind",
                    kind,
                    "namespace",
                    namespace,
                    "name",
                    resource,
                    "status",
                    "Synced",
                    "message",
                    kind.toLowerCase() + "/" + resource + " configured",
                    "hookPhase",
                    "Running",
                    "syncPhase",
                    "Sync"));
        }
        List<Map<String, Object>> history = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            history.add(Map.of(
                    "id",
                    h,
                    "revision",
                    revision(name, h),
                    "deployedAt",
                    "2026-11-2" + h % 8 + "T10:0" + h + ":00Z",
                    "deployStartedAt",
                    "2026-11-2" + h % 8 + "T10:0" + h + ":00Z",
                    "initiatedBy",
                    Map.of("automated", true),
                    "source",
                    source));
        }
        status.put("resources", resources);
        status.put(
                "sync",
                Map.of(
                        "status", "Synced",
                        "revision", revision(name, 9),
                        "comparedTo", Map.of("source", source, "destination", spec.get("destination"))));
        status.put("health", Map.of("status", "Healthy", "lastTransitionTime", "2026-11-27T10:00:00Z"));
        status.put("history", history);
        status.put("reconciledAt", "2026-11-28T10:00:00Z");
        status.put(
                "operationState",
                Map.of(
                        "operation",
                                Map.of(
                                        "sync",
                                                Map.of(
                                                        "revision",
                                                        revision(name, 9),
                                                        "syncStrategy",
                                                        Map.of("hook", Map.of())),
                                        "initiatedBy", Map.of("automated", true),
                                        "retry", Map.of("limit", 5)),
                        "phase", "Succeeded",
                        "message", "successfully synced (all tasks run)",
                        "startedAt", "2026-11-27T10:00:00Z",
                        "finishedAt", "2026-11-27T10:00:05Z",
                        "syncResult", Map.of("resources", synced, "revision", revision(name, 9), "source", source)));
        status.put(
                "conditions",
                List.of(Map.of(
                        "type", "SharedResourceWarning",
                        "message", "ConfigMap/" + name + "-shared is part of applications " + name + " and another",
                        "lastTransitionTime", "2026-11-27T10:00:00Z")));
        status.put("sourceType", "Kustomize");
        status.put("summary", Map.of("images", List.of(liveImage)));
        status.put("controllerNamespace", "argocd");
        return status;
    }

    private static String revision(String name, int h) {
        String seed = Integer.toHexString((name + h).hashCode());
        return (seed + seed + seed + seed + seed + "0000000000000000000000000000000000000000").substring(0, 40);
    }
}
