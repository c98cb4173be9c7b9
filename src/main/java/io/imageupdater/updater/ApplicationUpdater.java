package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.ImageSpecError;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.registry.PullCredentials;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.registry.TagQuery;
import io.imageupdater.strategy.TagFilter;
import io.imageupdater.updater.ApplicationPlan.PlannedImage;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.MDC;

/**
 * The per-Application pipeline: plan (parse, gate, request tags), decide, and, once {@link WriteBacks} has
 * written the decisions (grouped), finish: fold in what was written and report.
 */
@ApplicationScoped
public class ApplicationUpdater {

    /** Reads the Application's settings and starts the tag look-ups it needs (shared through the catalog). */
    ApplicationPlan plan(ArgoApplication app, TagCatalog catalog) {
        return plan(app, ApplicationSpecParser.parse(app.annotations(), app.ref()), catalog);
    }

    /** As {@link #plan(ArgoApplication, TagCatalog)}, for settings read elsewhere (an ImageUpdater resource). */
    ApplicationPlan plan(ArgoApplication app, ApplicationSpec spec, TagCatalog catalog) {
        String ref = app.ref();
        spec.warnings().forEach(warning -> Log.warnf("application %s: %s", ref, warning));
        List<String> errors =
                spec.errors().stream().map(ImageSpecError::message).toList();
        List<PlannedImage> images = new ArrayList<>();
        for (ImageSpec image : spec.images()) {
            image.warnings().forEach(warning -> Log.warnf("application %s, image %s: %s", ref, image.alias(), warning));
            ImageOutcome gated = ImageDecider.gate(image, app.liveImages()).orElse(null);
            images.add(new PlannedImage(image, gated, gated == null ? tags(app, image, catalog) : null));
        }
        return new ApplicationPlan(app, spec.writeBack(), images, errors);
    }

    /**
     * The image's tags, listed with its pull secret when it names one; with digests and build times for its platforms
     * when its strategy needs them. A malformed reference fails the image only.
     */
    private static CompletableFuture<List<Tag>> tags(ArgoApplication app, ImageSpec image, TagCatalog catalog) {
        PullCredentials pull;
        try {
            pull = image.pullSecret() == null
                    ? null
                    : new PullCredentials(CredentialRef.parse(image.pullSecret()), app.namespace(), app.name());
        } catch (CredentialsException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!image.strategy().needsMetadata()) {
            return catalog.tags(image.entry().image(), pull);
        }
        TagQuery query = TagQueries.of(
                image.strategy(),
                image.constraint(),
                TagFilter.of(image.allowTags(), image.ignoreTags()),
                image.platforms(),
                problem -> Log.warnf("application %s, image %s: %s", app.ref(), image.alias(), problem));
        return catalog.tagsWithMetadata(image.entry().image(), query, pull);
    }

    /** Decides every image of the plan: what would be written, not yet written; never throws. */
    Decision decide(ApplicationPlan plan) {
        MDC.put("application", plan.ref());
        MDC.put("namespace", plan.application().namespace());
        try {
            List<ImageOutcome> outcomes = plan.images().stream()
                    .map(image -> decideWithContext(image, plan.application().liveImages()))
                    .toList();
            Map<String, ImageSpec> specs = plan.images().stream()
                    .collect(Collectors.toMap(image -> image.spec().alias(), PlannedImage::spec, (a, b) -> a));
            List<PlannedChange> changes = outcomes.stream()
                    .filter(outcome -> outcome.kind() == ImageOutcome.Kind.UPDATE)
                    .map(outcome -> new PlannedChange(specs.get(outcome.alias()), outcome.change()))
                    .toList();
            return new Decision(plan, outcomes, changes, null);
        } catch (RuntimeException e) {
            Log.errorf(e, "application %s: unexpected failure", plan.ref());
            return new Decision(plan, List.of(), List.of(), "unexpected failure: " + e);
        } finally {
            MDC.remove("application");
            MDC.remove("namespace");
        }
    }

    /**
     * Folds what the write-back did into the decision and reports it; never throws.
     *
     * @param written what writing the decision's changes did, or {@code null} when there was nothing to write
     */
    ApplicationResult finish(Decision decision, WriteResult written, boolean dryRun) {
        ApplicationPlan plan = decision.plan();
        if (decision.failure() != null) {
            return ApplicationResult.failed(plan.ref(), decision.failure());
        }
        MDC.put("application", plan.ref());
        MDC.put("namespace", plan.application().namespace());
        try {
            List<String> errors = new ArrayList<>(plan.errors());
            List<ImageOutcome> outcomes =
                    written == null ? decision.outcomes() : applyWriteResult(decision.outcomes(), written, errors);
            outcomes.forEach(outcome -> report(plan, outcome, dryRun));
            errors.forEach(error -> Log.errorf("application %s: %s", plan.ref(), error));
            return new ApplicationResult(plan.ref(), outcomes, errors);
        } catch (RuntimeException e) {
            Log.errorf(e, "application %s: unexpected failure", plan.ref());
            return ApplicationResult.failed(plan.ref(), "unexpected failure: " + e);
        } finally {
            MDC.remove("application");
            MDC.remove("namespace");
        }
    }

    private ImageOutcome decideWithContext(PlannedImage image, List<ImageRef> liveImages) {
        MDC.put("image", image.spec().entry().image().toString());
        try {
            return decide(image, liveImages);
        } finally {
            MDC.remove("image");
        }
    }

    private ImageOutcome decide(PlannedImage image, List<ImageRef> liveImages) {
        if (image.decided() != null) {
            return image.decided();
        }
        try {
            List<Tag> tags = image.tags().join();
            return ImageDecider.decide(image.spec(), liveImages, tags);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ImageOutcome.of(
                    image.spec().alias(),
                    ImageOutcome.Kind.ERROR,
                    "could not list the tags of " + image.spec().entry().image() + ": " + cause.getMessage());
        }
    }

    private static List<ImageOutcome> applyWriteResult(
            List<ImageOutcome> outcomes, WriteResult result, List<String> errors) {
        if (result.error() != null) {
            errors.add(result.error());
            return outcomes.stream()
                    .map(outcome -> outcome.kind() != ImageOutcome.Kind.UPDATE
                            ? outcome
                            : ImageOutcome.of(
                                    outcome.alias(), ImageOutcome.Kind.ERROR, "write-back failed: " + result.error()))
                    .toList();
        }
        Map<String, PlannedChange> alreadyCurrent = result.alreadyCurrent().stream()
                .collect(Collectors.toMap(change -> change.change().alias(), Function.identity(), (a, b) -> a));
        Map<String, PlannedChange> dropped = result.dropped().stream()
                .collect(Collectors.toMap(change -> change.change().alias(), Function.identity(), (a, b) -> a));
        return outcomes.stream()
                .map(outcome -> alreadyCurrent.containsKey(outcome.alias())
                        ? ImageOutcome.of(
                                outcome.alias(),
                                ImageOutcome.Kind.CURRENT,
                                "the write-back target already names "
                                        + outcome.change().to())
                        : dropped.containsKey(outcome.alias())
                                ? ImageOutcome.of(
                                        outcome.alias(),
                                        ImageOutcome.Kind.CURRENT,
                                        "not written: the value changed in Git since it was read; decided again "
                                                + "next cycle")
                                : outcome)
                .toList();
    }

    private void report(ApplicationPlan plan, ImageOutcome outcome, boolean dryRun) {
        switch (outcome.kind()) {
            case UPDATE -> {
                Log.infof("application %s: %s %s", plan.ref(), dryRun ? "would update" : "updated", outcome.change());
            }
            case ERROR -> Log.errorf("application %s, image %s: %s", plan.ref(), outcome.alias(), outcome.message());
            case NO_CANDIDATE ->
                Log.warnf("application %s, image %s: %s", plan.ref(), outcome.alias(), outcome.message());
            default -> Log.debugf("application %s, image %s: %s", plan.ref(), outcome.alias(), outcome.message());
        }
    }
}
