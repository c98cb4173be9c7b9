package io.imageupdater.argocd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source of an Application that image updates apply to.
 *
 * @param index            its position in {@code spec.sources}, or {@code -1} for {@code spec.source}
 * @param type             what kind of source it is
 * @param repoUrl          its repository URL, or {@code null}
 * @param helmParameters   its current {@code helm.parameters}
 * @param kustomizeImages  its current {@code kustomize.images}
 * @param repoPath         its {@code path} inside the repository, or {@code null}
 * @param targetRevision   its {@code targetRevision}, or {@code null}
 */
public record ApplicationSource(
        int index,
        SourceType type,
        String repoUrl,
        List<HelmParameter> helmParameters,
        List<String> kustomizeImages,
        String repoPath,
        String targetRevision) {

    public ApplicationSource(
            int index,
            SourceType type,
            String repoUrl,
            List<HelmParameter> helmParameters,
            List<String> kustomizeImages) {
        this(index, type, repoUrl, helmParameters, kustomizeImages, null, null);
    }

    public ApplicationSource {
        helmParameters = List.copyOf(helmParameters);
        kustomizeImages = List.copyOf(kustomizeImages);
    }

    /** Where the source sits in the Application ({@code spec.source} or {@code spec.sources[1]}). */
    public String path() {
        return index < 0 ? "spec.source" : "spec.sources[" + index + "]";
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

    /** Reads a located source into a value. */
    static ApplicationSource read(Located located, SourceType type) {
        Map<String, Object> source = located.source();
        List<HelmParameter> parameters = new ArrayList<>();
        if (source.get("helm") instanceof Map<?, ?> helm && helm.get("parameters") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> p && p.get("name") != null) {
                    parameters.add(new HelmParameter(
                            String.valueOf(p.get("name")),
                            p.get("value") == null ? null : String.valueOf(p.get("value")),
                            Boolean.parseBoolean(String.valueOf(p.get("forceString")))));
                }
            }
        }
        List<String> images = new ArrayList<>();
        if (source.get("kustomize") instanceof Map<?, ?> kustomize && kustomize.get("images") instanceof List<?> list) {
            list.stream().filter(o -> o != null).map(String::valueOf).forEach(images::add);
        }
        return new ApplicationSource(
                located.index(),
                type,
                text(source.get("repoURL")),
                parameters,
                images,
                text(source.get("path")),
                text(source.get("targetRevision")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A source found in a spec: its index ({@code -1} for {@code spec.source}) and its live map. */
    public record Located(int index, Map<String, Object> source) {}
}
