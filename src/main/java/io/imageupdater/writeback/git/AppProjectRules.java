package io.imageupdater.writeback.git;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an Argo CD AppProject permits, as Argo CD decides it: which repositories its Applications may use
 * ({@code spec.sourceRepos}) and from which namespaces Applications may belong to it ({@code spec.sourceNamespaces}).
 *
 * @param name             the project
 * @param sourceRepos      URL globs; {@code !glob} denies
 * @param sourceNamespaces namespace globs, or {@code /regex/}
 */
record AppProjectRules(String name, List<String> sourceRepos, List<String> sourceNamespaces) {
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io")
            .withVersion("v1alpha1")
            .withKind("AppProject")
            .withPlural("appprojects")
            .withNamespaced(true)
            .build();

    AppProjectRules {
        Objects.requireNonNull(name, "name");
        sourceRepos = List.copyOf(sourceRepos);
        sourceNamespaces = List.copyOf(sourceNamespaces);
    }

    static AppProjectRules from(GenericKubernetesResource project) {
        return new AppProjectRules(
                project.getMetadata().getName(),
                strings(project.get("spec", "sourceRepos")),
                strings(project.get("spec", "sourceNamespaces")));
    }

    /**
     * Argo CD's {@code IsSourcePermitted}: some entry matches the normalized URL and no {@code !} entry excludes it.
     * Unlike Argo CD, a malformed deny pattern denies rather than permits.
     */
    boolean permitsRepository(String repoUrl) {
        String url = RepositoryUrl.normalize(repoUrl);
        boolean matched = false;
        for (String entry : sourceRepos) {
            if (entry.startsWith("!")) {
                String glob = RepositoryUrl.normalize(entry.substring(1));
                var compiled = ArgoGlob.compile(glob, '/');
                if (compiled.isEmpty() || compiled.get().matches(url)) {
                    return false;
                }
                matched = true;
            } else {
                String glob = RepositoryUrl.normalize(entry);
                if (glob.equals("*") || ArgoGlob.matches(glob, url, '/')) {
                    matched = true;
                }
            }
        }
        return matched;
    }

    /**
     * Argo CD's {@code IsAppNamespacePermitted}: Applications in the control-plane namespace always belong; others
     * only when a {@code sourceNamespaces} entry (a glob, or {@code /regex/}) matches their namespace.
     */
    boolean permitsNamespace(String appNamespace, String controlPlaneNamespace) {
        if (appNamespace == null || appNamespace.isEmpty() || appNamespace.equals(controlPlaneNamespace)) {
            return true;
        }
        for (String entry : sourceNamespaces) {
            if (entry.length() > 1 && entry.startsWith("/") && entry.endsWith("/") && regexFinds(entry, appNamespace)) {
                return true;
            }
            if (ArgoGlob.matches(entry, appNamespace, null)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regexFinds(String entry, String text) {
        try {
            return Pattern.compile(entry.substring(1, entry.length() - 1))
                    .matcher(text)
                    .find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.stream().filter(Objects::nonNull).map(String::valueOf).forEach(strings::add);
        }
        return strings;
    }
}
