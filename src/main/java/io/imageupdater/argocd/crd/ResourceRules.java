package io.imageupdater.argocd.crd;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.LabelSelector;
import io.imageupdater.argocd.LabelSelector.Operator;
import io.imageupdater.argocd.LabelSelector.Requirement;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ApplicationRef;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.ImageConfig;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.Selector;
import io.imageupdater.argocd.crd.ImageUpdaterSpec.UpdateSettings;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ImageUpdater resource compiled for matching: its rules ordered most specific first, and what is wrong
 * with its spec. A rule that cannot be compiled (invalid glob or selector) is left out and reported.
 *
 * @param resource the resource
 * @param rules    its usable rules, most specific first
 * @param problems what is wrong with it
 */
public record ResourceRules(
        ImageUpdaterResource resource, List<ApplicationRule> rules, List<ResourceProblem> problems) {

    public ResourceRules {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    public static ResourceRules compile(ImageUpdaterResource resource) {
        List<ApplicationRule> rules = new ArrayList<>();
        List<ResourceProblem> problems = new ArrayList<>();
        ImageUpdaterSpec spec = resource.spec();
        if (spec.applicationRefs().isEmpty()) {
            problems.add(new ResourceProblem(
                    ResourceProblem.INVALID_SPEC, "spec.applicationRefs is empty; nothing is selected"));
        }
        strategy(spec.commonUpdateSettings(), "spec.commonUpdateSettings", problems);
        for (int i = 0; i < spec.applicationRefs().size(); i++) {
            ApplicationRef ref = spec.applicationRefs().get(i);
            String where = "spec.applicationRefs[" + i + "]";
            try {
                rules.add(
                        new ApplicationRule(i, ref, NameGlob.parse(ref.namePattern()), selector(ref.labelSelectors())));
            } catch (ImageUpdaterException e) {
                problems.add(new ResourceProblem(
                        ResourceProblem.INVALID_SPEC, where + ": " + e.getMessage() + "; this entry selects nothing"));
                continue;
            }
            if (!ref.annotations() && ref.images().isEmpty()) {
                problems.add(new ResourceProblem(
                        ResourceProblem.INVALID_SPEC, where + " lists no images and does not set useAnnotations"));
            }
            strategy(ref.commonUpdateSettings(), where + ".commonUpdateSettings", problems);
            for (ImageConfig image : ref.images()) {
                strategy(
                        image.commonUpdateSettings(),
                        where + ".images[" + image.alias() + "].commonUpdateSettings",
                        problems);
            }
        }
        rules.sort(ApplicationRule.MOST_SPECIFIC_FIRST);
        return new ResourceRules(resource, rules, problems);
    }

    /** The most specific rule taking the Application, if any (only Applications in the resource's namespace). */
    public Optional<ApplicationRule> ruleFor(ArgoApplication application) {
        if (!application.namespace().equals(resource.namespace())) {
            return Optional.empty();
        }
        return rules.stream().filter(rule -> rule.matches(application)).findFirst();
    }

    private static void strategy(UpdateSettings settings, String where, List<ResourceProblem> problems) {
        if (settings != null
                && settings.updateStrategy() != null
                && UpdateStrategy.fromValue(settings.updateStrategy()).isEmpty()) {
            problems.add(new ResourceProblem(
                    ResourceProblem.UNKNOWN_STRATEGY,
                    where + ".updateStrategy \"" + settings.updateStrategy()
                            + "\" is not a known update strategy; semver is used instead"));
        }
    }

    /** The selector as a {@link LabelSelector}; throws naming the requirement when an operator is unknown. */
    static LabelSelector selector(Selector selector) {
        if (selector == null) {
            return LabelSelector.parse(null);
        }
        List<Requirement> requirements = new ArrayList<>();
        for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
            requirements.add(new Requirement(label.getKey(), Operator.IN, Set.of(label.getValue())));
        }
        for (ImageUpdaterSpec.Requirement expression : selector.matchExpressions()) {
            Operator operator = switch (String.valueOf(expression.operator())) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.NOT_EXISTS;
                default ->
                    throw new ImageUpdaterException("labelSelectors: operator \"" + expression.operator()
                            + "\" of key \"" + expression.key() + "\" is not In, NotIn, Exists or DoesNotExist");
            };
            if (expression.key() == null || expression.key().isBlank()) {
                throw new ImageUpdaterException("labelSelectors: a matchExpressions entry has no key");
            }
            requirements.add(new Requirement(expression.key(), operator, Set.copyOf(expression.values())));
        }
        return new LabelSelector(selector.toString(), requirements);
    }
}
