package io.imageupdater.argocd.crd;

import io.imageupdater.argocd.ArgoApplication;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which ImageUpdater resource handles which Application. Within a resource the most specific rule takes an
 * Application; when several resources take the same one, the oldest (creation time, then name) keeps it and
 * each other one gets a {@link ResourceProblem#CONFLICT} problem naming it.
 *
 * @param claims    one per Application that some resource handles
 * @param conflicts per resource ({@code namespace/name}), the Applications it lost to an older resource
 */
public record ApplicationClaims(List<Claim> claims, Map<String, List<ResourceProblem>> conflicts) {

    public ApplicationClaims {
        claims = List.copyOf(claims);
        conflicts = Map.copyOf(conflicts);
    }

    /** An Application, the resource that handles it and the rule that took it. */
    public record Claim(ArgoApplication application, ResourceRules resource, ApplicationRule rule) {}

    public static ApplicationClaims assign(List<ResourceRules> resources, List<ArgoApplication> applications) {
        List<ResourceRules> oldestFirst = resources.stream()
                .sorted(Comparator.comparing(
                        ResourceRules::resource, (a, b) -> a.olderThan(b) ? -1 : b.olderThan(a) ? 1 : 0))
                .toList();
        List<Claim> claims = new ArrayList<>();
        Map<String, List<ResourceProblem>> conflicts = new LinkedHashMap<>();
        for (ArgoApplication application : applications) {
            Claim winner = null;
            for (ResourceRules resource : oldestFirst) {
                Optional<ApplicationRule> rule = resource.ruleFor(application);
                if (rule.isEmpty()) {
                    continue;
                }
                if (winner == null) {
                    winner = new Claim(application, resource, rule.get());
                } else {
                    conflicts
                            .computeIfAbsent(resource.resource().ref(), key -> new ArrayList<>())
                            .add(new ResourceProblem(
                                    ResourceProblem.CONFLICT,
                                    "Application " + application.ref()
                                            + " is also selected by the older ImageUpdater "
                                            + winner.resource().resource().ref()
                                            + ", which handles it; "
                                            + rule.get().describe() + " is ignored for it"));
                }
            }
            if (winner != null) {
                claims.add(winner);
            }
        }
        return new ApplicationClaims(claims, conflicts);
    }

    /** The Applications lost by one resource. */
    public List<ResourceProblem> conflictsOf(ImageUpdaterResource resource) {
        return conflicts.getOrDefault(resource.ref(), List.of());
    }

    public boolean claimed(ArgoApplication application) {
        return claims.stream().anyMatch(claim -> claim.application().ref().equals(application.ref()));
    }
}
