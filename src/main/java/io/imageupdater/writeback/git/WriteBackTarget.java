package io.imageupdater.writeback.git;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Where Git write-back writes, from the {@code write-back-target} setting: {@code kustomization[:dir]},
 * {@code helmvalues[:file]}, or nothing for the {@code .argocd-source-<app>.yaml} file. A path starting with
 * {@code /} is from the repository root, any other from the application's source path.
 *
 * @param kind what file is edited
 * @param path the directory (Kustomization, Argo CD source file) or file (Helm values) as configured
 */
public record WriteBackTarget(Kind kind, String path) {

    public enum Kind {
        ARGOCD_SOURCE,
        KUSTOMIZATION,
        HELM_VALUES
    }

    private static final String KUSTOMIZATION = "kustomization";
    private static final String HELM_VALUES = "helmvalues";

    public WriteBackTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new InvalidWriteBackTargetException(path, "the path is empty");
        }
    }

    public static WriteBackTarget parse(String value) {
        if (value == null || value.isBlank()) {
            return new WriteBackTarget(Kind.ARGOCD_SOURCE, ".");
        }
        String text = value.strip();
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String path = colon < 0 ? null : text.substring(colon + 1).strip();
        if (path != null && path.isEmpty()) {
            throw new InvalidWriteBackTargetException(value, "the path after \":\" is empty");
        }
        return switch (name) {
            case KUSTOMIZATION -> new WriteBackTarget(Kind.KUSTOMIZATION, path == null ? "." : path);
            case HELM_VALUES -> new WriteBackTarget(Kind.HELM_VALUES, path == null ? "values.yaml" : path);
            default ->
                throw new InvalidWriteBackTargetException(
                        value, "expected kustomization[:<dir>] or helmvalues[:<file>]");
        };
    }

    /**
     * The repository-relative path to edit ({@code .} for the root): the directory holding the kustomization or
     * the Argo CD source file, or the Helm values file.
     */
    public String resolve(String sourcePath) {
        String base = path.startsWith("/") ? "" : (sourcePath == null ? "" : sourcePath);
        Deque<String> parts = new ArrayDeque<>();
        for (String part : (base + "/" + path).split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidWriteBackTargetException(
                            toString(), "it leaves the repository from \"" + sourcePath + "\"");
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ARGOCD_SOURCE -> "";
            case KUSTOMIZATION -> KUSTOMIZATION + ":" + path;
            case HELM_VALUES -> HELM_VALUES + ":" + path;
        };
    }
}
