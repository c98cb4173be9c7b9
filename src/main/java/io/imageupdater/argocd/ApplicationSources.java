package io.imageupdater.argocd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the sources of an Application as Argo CD v3.5 writes them: {@code spec.source} typed by
 * {@code status.sourceType}; {@code spec.sources[i]} typed by {@code status.sourceTypes[i]}; or
 * {@code spec.sourceHydrator.drySource} typed by what {@code status.sourceHydrator} or the dry source's keys say
 * (never "Directory": that is what the hydrated manifests are). The keys of a source are a fallback only. Pure.
 */
final class ApplicationSources {

    private ApplicationSources() {}

    @SuppressWarnings("unchecked")
    static List<ApplicationSource> read(GenericKubernetesResource resource) {
        Map<String, Object> spec = resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> s
                ? (Map<String, Object>) s
                : Map.of();
        List<ApplicationSource> sources = new ArrayList<>();
        if (spec.get("sourceHydrator") instanceof Map<?, ?> hydrator
                && hydrator.get("drySource") instanceof Map<?, ?>) {
            ApplicationSource.at(spec, ApplicationSource.DRY_SOURCE)
                    .ifPresent(dry -> sources.add(ApplicationSource.read(dry, hydratorType(resource, dry.source()))));
            return sources;
        }
        if (spec.get("source") instanceof Map<?, ?>) {
            ApplicationSource.Located single = ApplicationSource.at(spec, -1).orElseThrow();
            SourceType type = SourceType.fromStatus(text(resource.get("status", "sourceType")));
            sources.add(ApplicationSource.read(
                    single, type != SourceType.UNKNOWN ? type : SourceType.fromSource(single.source())));
            return sources;
        }
        if (spec.get("sources") instanceof List<?> list) {
            List<?> types = resource.get("status", "sourceTypes") instanceof List<?> t ? t : List.of();
            for (int i = 0; i < list.size(); i++) {
                int index = i;
                ApplicationSource.at(spec, i).ifPresent(located -> {
                    SourceType type =
                            index < types.size() ? SourceType.fromStatus(text(types.get(index))) : SourceType.UNKNOWN;
                    sources.add(ApplicationSource.read(
                            located, type != SourceType.UNKNOWN ? type : SourceType.fromSource(located.source())));
                });
            }
        }
        return sources;
    }

    /**
     * The source image updates go to by default: the only one; the dry source; of several, the first Helm,
     * Kustomize or Plugin source that is not ref-only (as upstream), else the first that is not ref-only. An
     * Application older than {@code status.sourceTypes} that reports a {@code status.sourceType} gets the first
     * source of that type.
     */
    static Optional<ApplicationSource> defaultTarget(GenericKubernetesResource resource, List<ApplicationSource> all) {
        if (all.size() <= 1) {
            return all.stream().findFirst();
        }
        SourceType reported = SourceType.fromStatus(text(resource.get("status", "sourceType")));
        boolean typedByStatus = resource.get("status", "sourceTypes") instanceof List<?> t && !t.isEmpty();
        if (!typedByStatus && reported != SourceType.UNKNOWN) {
            Optional<ApplicationSource> ofType = all.stream()
                    .filter(s -> !s.refOnly() && s.type() == reported)
                    .findFirst();
            if (ofType.isPresent()) {
                return ofType;
            }
        }
        Optional<ApplicationSource> target =
                all.stream().filter(ApplicationSource::target).findFirst();
        if (target.isPresent()) {
            return target;
        }
        Optional<ApplicationSource> first =
                all.stream().filter(s -> !s.refOnly()).findFirst();
        if (first.isPresent() && first.get().type() == SourceType.UNKNOWN && !typedByStatus) {
            ApplicationSource s = first.get();
            return Optional.of(new ApplicationSource(
                    s.index(),
                    reported,
                    s.repoUrl(),
                    s.helmParameters(),
                    s.kustomizeImages(),
                    s.repoPath(),
                    s.targetRevision(),
                    s.name(),
                    s.ref(),
                    s.chart(),
                    s.valueFiles(),
                    s.pluginEnv()));
        }
        return first;
    }

    /** A hydrated Application's type: from {@code status.sourceHydrator}'s dry source, else its own keys. */
    private static SourceType hydratorType(GenericKubernetesResource resource, Map<String, Object> drySource) {
        for (String operation : List.of("currentOperation", "lastSuccessfulOperation")) {
            if (resource.get("status", "sourceHydrator", operation, "sourceHydrator", "drySource")
                    instanceof Map<?, ?> reported) {
                SourceType type = SourceType.fromSource(reported);
                if (type != SourceType.UNKNOWN && type != SourceType.DIRECTORY) {
                    return type;
                }
            }
        }
        SourceType own = SourceType.fromSource(drySource);
        return own == SourceType.DIRECTORY ? SourceType.UNKNOWN : own;
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
