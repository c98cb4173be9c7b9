package io.imageupdater.argocd;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.strategy.Glob;
import io.imageupdater.strategy.InvalidGlobException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which Applications to consider. The name patterns are compiled once, here.
 *
 * @param namespaces    namespaces to watch; {@code "*"} among them means all namespaces
 * @param nameGlobs     name patterns (Go {@code filepath.Match} globs, see {@link Glob}); an Application matching
 *                      any is kept; empty keeps all
 * @param labelSelector a Kubernetes label selector ({@code app=web,tier!=db}), or {@code null}
 * @param globs         {@code nameGlobs}, compiled
 */
public record ApplicationFilter(
        Set<String> namespaces, List<String> nameGlobs, String labelSelector, List<Glob> globs) {
    public static final String ALL_NAMESPACES = "*";

    public ApplicationFilter {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
        nameGlobs = nameGlobs == null ? List.of() : List.copyOf(nameGlobs);
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
        globs = List.copyOf(Objects.requireNonNull(globs, "globs"));
    }

    /**
     * @throws ImageUpdaterException naming {@code match-application-name} and the pattern when one is not a valid glob
     */
    public ApplicationFilter(Set<String> namespaces, List<String> nameGlobs, String labelSelector) {
        this(namespaces, nameGlobs, labelSelector, compile(nameGlobs));
    }

    private static List<Glob> compile(List<String> nameGlobs) {
        try {
            return nameGlobs == null
                    ? List.of()
                    : nameGlobs.stream().map(Glob::compile).toList();
        } catch (InvalidGlobException e) {
            throw new ImageUpdaterException("match-application-name: " + e.getMessage(), e);
        }
    }

    public boolean allNamespaces() {
        return namespaces.contains(ALL_NAMESPACES);
    }

    /** Whether a name matches one of the globs (or there are none). */
    public boolean matchesName(String name) {
        return globs.isEmpty() || globs.stream().anyMatch(glob -> glob.matches(name));
    }
}
