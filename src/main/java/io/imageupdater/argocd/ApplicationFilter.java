package io.imageupdater.argocd;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Applications to consider.
 *
 * @param namespaces    namespaces to watch; {@code "*"} among them means all namespaces
 * @param nameGlobs     name patterns ({@code *}, {@code ?}); an Application matching any is kept; empty keeps all
 * @param labelSelector a Kubernetes label selector ({@code app=web,tier!=db}), or {@code null}
 */
public record ApplicationFilter(Set<String> namespaces, List<String> nameGlobs, String labelSelector) {
    public static final String ALL_NAMESPACES = "*";

    public ApplicationFilter {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
        nameGlobs = nameGlobs == null ? List.of() : List.copyOf(nameGlobs);
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
    }

    public boolean allNamespaces() {
        return namespaces.contains(ALL_NAMESPACES);
    }

    /** Whether a name matches one of the globs (or there are none). */
    public boolean matchesName(String name) {
        return nameGlobs.isEmpty()
                || nameGlobs.stream().anyMatch(glob -> glob(glob).matcher(name).matches());
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
