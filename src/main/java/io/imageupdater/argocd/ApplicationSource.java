package io.imageupdater.argocd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One source of an Application, as image updates see it.
 *
 * @param index            its position in {@code spec.sources}, {@code -1} for {@code spec.source}, or
 *                         {@link #DRY_SOURCE} for {@code spec.sourceHydrator.drySource}
 * @param type             what kind of source it is ({@code status.sourceTypes[i]} / {@code status.sourceType}, else
 *                         its keys)
 * @param repoUrl          its repository URL, or {@code null}
 * @param helmParameters   its current {@code helm.parameters}
 * @param kustomizeImages  its current {@code kustomize.images}
 * @param repoPath         its {@code path} inside the repository, or {@code null}
 * @param targetRevision   its {@code targetRevision}, or {@code null}
 * @param name             its {@code name} (multi-source), or {@code null}
 * @param ref              its {@code ref} (a source other sources read values files from as {@code $ref/...}), or
 *                         {@code null}
 * @param chart            its Helm {@code chart}, or {@code null}
 * @param valueFiles       its {@code helm.valueFiles}
 * @param pluginEnv        its current {@code plugin.env}, name to value, in order
 */
public record ApplicationSource(
        int index,
        SourceType type,
        String repoUrl,
        List<HelmParameter> helmParameters,
        List<String> kustomizeImages,
        String repoPath,
        String targetRevision,
        String name,
        String ref,
        String chart,
        List<String> valueFiles,
        Map<String, String> pluginEnv) {

    /** The index of {@code spec.sourceHydrator.drySource}. */
    public static final int DRY_SOURCE = -2;

    public ApplicationSource(
            int index,
            SourceType type,
            String repoUrl,
            List<HelmParameter> helmParameters,
            List<String> kustomizeImages) {
        this(index, type, repoUrl, helmParameters, kustomizeImages, null, null);
    }

    public ApplicationSource(
            int index,
            SourceType type,
            String repoUrl,
            List<HelmParameter> helmParameters,
            List<String> kustomizeImages,
            String repoPath,
            String targetRevision) {
        this(
                index,
                type,
                repoUrl,
                helmParameters,
                kustomizeImages,
                repoPath,
                targetRevision,
                null,
                null,
                null,
                List.of(),
                Map.of());
    }

    public ApplicationSource {
        type = type == null ? SourceType.UNKNOWN : type;
        helmParameters = List.copyOf(helmParameters);
        kustomizeImages = List.copyOf(kustomizeImages);
        valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
        pluginEnv = pluginEnv == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(pluginEnv));
    }

    /** Where the source sits in the Application ({@code spec.source}, {@code spec.sources[1]}, ...). */
    public String path() {
        return switch (index) {
            case -1 -> "spec.source";
            case DRY_SOURCE -> "spec.sourceHydrator.drySource";
            default -> "spec.sources[" + index + "]";
        };
    }

    /** The JSON pointer of the source ({@code /spec/source}, {@code /spec/sources/1}, ...). */
    public static String pointer(int index) {
        return switch (index) {
            case -1 -> "/spec/source";
            case DRY_SOURCE -> "/spec/sourceHydrator/drySource";
            default -> "/spec/sources/" + index;
        };
    }

    /**
     * Whether the source only lends its repository to other sources ({@code ref} without {@code path} or
     * {@code chart}): Argo CD renders nothing from it, so it is never a target.
     */
    public boolean refOnly() {
        return ref != null && repoPath == null && chart == null;
    }

    /** Whether image updates can go to this source: Helm, Kustomize or Plugin, and not ref-only. */
    public boolean target() {
        return !refOnly() && (type == SourceType.HELM || type == SourceType.KUSTOMIZE || type == SourceType.PLUGIN);
    }

    /**
     * Finds the source of the given type inside an Application's {@code spec}: {@code spec.source}, or of
     * {@code spec.sources} the first one of that type (a {@code helm} key or {@code chart} for Helm, a
     * {@code kustomize} key for Kustomize), else the first one. The map returned is the live, mutable one.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Located> locate(Map<String, Object> spec, SourceType type) {
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.get("source") instanceof Map<?, ?> single) {
            return Optional.of(new Located(-1, (Map<String, Object>) single));
        }
        if (!(spec.get("sources") instanceof List<?> sources) || sources.isEmpty()) {
            return Optional.empty();
        }
        int first = -1;
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) instanceof Map<?, ?> source) {
                if (first < 0) {
                    first = i;
                }
                if (type != SourceType.UNKNOWN && SourceType.fromSource(source) == type) {
                    return Optional.of(new Located(i, (Map<String, Object>) source));
                }
            }
        }
        return first < 0 ? Optional.empty() : Optional.of(new Located(first, (Map<String, Object>) sources.get(first)));
    }

    /** The live, mutable map of the source at {@code index} of a {@code spec}, if there is one. */
    @SuppressWarnings("unchecked")
    public static Optional<Located> at(Map<String, Object> spec, int index) {
        if (spec == null) {
            return Optional.empty();
        }
        Object found = null;
        if (index == -1) {
            found = spec.get("source");
        } else if (index == DRY_SOURCE) {
            found = spec.get("sourceHydrator") instanceof Map<?, ?> hydrator ? hydrator.get("drySource") : null;
        } else if (index >= 0 && spec.get("sources") instanceof List<?> sources && index < sources.size()) {
            found = sources.get(index);
        }
        return found instanceof Map<?, ?> map
                ? Optional.of(new Located(index, (Map<String, Object>) map))
                : Optional.empty();
    }

    /** Reads a located source into a value. */
    static ApplicationSource read(Located located, SourceType type) {
        Map<String, Object> source = located.source();
        List<HelmParameter> parameters = new ArrayList<>();
        List<String> valueFiles = new ArrayList<>();
        if (source.get("helm") instanceof Map<?, ?> helm) {
            if (helm.get("parameters") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> p && p.get("name") != null) {
                        parameters.add(new HelmParameter(
                                String.valueOf(p.get("name")),
                                p.get("value") == null ? null : String.valueOf(p.get("value")),
                                Boolean.parseBoolean(String.valueOf(p.get("forceString")))));
                    }
                }
            }
            if (helm.get("valueFiles") instanceof List<?> files) {
                files.stream().filter(o -> o != null).map(String::valueOf).forEach(valueFiles::add);
            }
        }
        List<String> images = new ArrayList<>();
        if (source.get("kustomize") instanceof Map<?, ?> kustomize && kustomize.get("images") instanceof List<?> list) {
            list.stream().filter(o -> o != null).map(String::valueOf).forEach(images::add);
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (source.get("plugin") instanceof Map<?, ?> plugin && plugin.get("env") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> e && e.get("name") != null) {
                    env.put(
                            String.valueOf(e.get("name")),
                            e.get("value") == null ? "" : String.valueOf(e.get("value")));
                }
            }
        }
        return new ApplicationSource(
                located.index(),
                type,
                text(source.get("repoURL")),
                parameters,
                images,
                text(source.get("path")),
                text(source.get("targetRevision")),
                text(source.get("name")),
                text(source.get("ref")),
                text(source.get("chart")),
                valueFiles,
                env);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A source found in a spec: its index ({@code -1} for {@code spec.source}) and its live map. */
    public record Located(int index, Map<String, Object> source) {}
}
