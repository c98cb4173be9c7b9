package io.imageupdater.argocd.crd;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.LabelSelector;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ApplicationRef;
import java.util.Comparator;

/**
 * An {@code applicationRefs} entry ready to match: its glob and label selector parsed.
 *
 * @param index  its position in {@code applicationRefs} (for messages and as the last tie-breaker)
 * @param ref    the entry as written
 * @param glob   its name pattern
 * @param labels its label selector (empty when it has none)
 */
public record ApplicationRule(int index, ApplicationRef ref, NameGlob glob, LabelSelector labels) {

    /**
     * Most specific first: an exact name before any glob, then more literal characters, then more label
     * requirements, then the order written.
     */
    public static final Comparator<ApplicationRule> MOST_SPECIFIC_FIRST = Comparator.comparing(
                    (ApplicationRule rule) -> !rule.glob.exact())
            .thenComparing(rule -> -rule.glob.literals())
            .thenComparing(rule -> -rule.labels.requirements().size())
            .thenComparing(ApplicationRule::index);

    public boolean matches(ArgoApplication application) {
        return glob.matches(application.name()) && labels.matches(application.labels());
    }

    /** How messages name the entry: {@code applicationRefs[0] (namePattern "web-*")}. */
    public String describe() {
        return "applicationRefs[" + index + "] (namePattern \"" + glob.text() + "\")";
    }
}
