package io.imageupdater.writeback.argocd;

import io.imageupdater.argocd.ApplicationSource;
import io.imageupdater.argocd.SourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pure: the JSON Patch (RFC 6902) that writes image changes to an Application as a compare-and-set. For the field
 * the write-back changes ({@code helm.parameters} or {@code kustomize.images} of the source at {@code sourcePath}),
 * or its nearest existing parent when it does not exist yet, one {@code test} operation asserts that it still holds
 * the value decided from and one {@code replace} writes the new value. A {@code test} of {@code metadata.uid} makes
 * sure it is still the same Application. Nothing else is touched.
 *
 * @param operations the operations, in order
 */
public record ApplicationPatch(List<Map<String, Object>> operations) {

    public ApplicationPatch {
        operations = List.copyOf(operations);
    }

    /**
     * @param uid        the Application's uid as read, or {@code null} to not test it
     * @param sourcePath where the source sits: {@code -1} for {@code spec.source}, else its index in {@code spec.sources}
     * @param type       Helm or Kustomize: which field the write-back changes
     * @param before     the source as decided from
     * @param after      the source with the changes applied
     */
    public static ApplicationPatch of(
            String uid, int sourcePath, SourceType type, Map<String, Object> before, Map<String, Object> after) {
        return of(uid, List.of(new SourceEdit(sourcePath, type, before, after)));
    }

    /** One edited source: where it sits ({@link ApplicationSource#pointer}), its type, before and after. */
    public record SourceEdit(int sourcePath, SourceType type, Map<String, Object> before, Map<String, Object> after) {}

    /** The patch for several edited sources: one {@code test} of the uid, then a test and a replace per source. */
    public static ApplicationPatch of(String uid, List<SourceEdit> edits) {
        List<Map<String, Object>> operations = new ArrayList<>();
        if (uid != null) {
            operations.add(operation("test", "/metadata/uid", uid));
        }
        for (SourceEdit edit : edits) {
            operations.addAll(operations(edit.sourcePath(), edit.type(), edit.before(), edit.after()));
        }
        return new ApplicationPatch(operations);
    }

    private static List<Map<String, Object>> operations(
            int sourcePath, SourceType type, Map<String, Object> before, Map<String, Object> after) {
        List<String> field = switch (type) {
            case HELM -> List.of("helm", "parameters");
            case KUSTOMIZE -> List.of("kustomize", "images");
            case PLUGIN -> List.of("plugin", "env");
            default -> throw new IllegalArgumentException("no argocd write-back for source type " + type);
        };
        StringBuilder pointer = new StringBuilder(ApplicationSource.pointer(sourcePath));
        Object old = before;
        Object now = after;
        for (String key : field) {
            if (!(old instanceof Map<?, ?> oldMap) || !oldMap.containsKey(key)) {
                break;
            }
            old = oldMap.get(key);
            now = now instanceof Map<?, ?> newMap ? newMap.get(key) : null;
            pointer.append('/').append(escape(key));
        }
        List<Map<String, Object>> operations = new ArrayList<>();
        operations.add(operation("test", pointer.toString(), old));
        operations.add(operation("replace", pointer.toString(), Objects.requireNonNull(now, "after")));
        return operations;
    }

    private static Map<String, Object> operation(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    /** RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
