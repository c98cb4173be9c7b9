package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.credentials.CredentialRef;
import io.imageupdater.credentials.CredentialsConfig;
import io.imageupdater.credentials.CredentialsException;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.Tag;
import io.imageupdater.registry.PullCredentials;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.registry.TagQuery;
import io.imageupdater.updater.ApplicationPlan.PlannedImage;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.WriteResult;
import io.imageupdater.writeback.argocd.WrittenImages;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.MDC;

/**
 * The per-Application pipeline: plan (parse, gate, request tags), decide, and, once {@link WriteBacks} has
 * written the decisions (grouped, deciding again where an Application changed meanwhile), finish: fold in what was
 * written and report.
 */
@ApplicationScoped
public class ApplicationUpdater {
    private final ApplicationCredentialSources credentialSources;
    private final CandidateGates gates;

    @Inject
    public ApplicationUpdater(CredentialsConfig credentials, CandidateGates gates) {
        this(credentials.applicationSources(), gates);
    }

    /** Without gates: an image with signature verification or a minimum age fails (never updated unchecked). */
    ApplicationUpdater(ApplicationCredentialSources credentialSources) {
        this(credentialSources, null);
    }

    ApplicationUpdater(ApplicationCredentialSources credentialSources, CandidateGates gates) {
        this.credentialSources = credentialSources;
        this.gates = gates;
    }

    /** Takes the first sightings of tags an ImageUpdater's status kept (min-age survives a restart). */
    void rememberFirstSeen(io.imageupdater.argocd.crd.ImageUpdaterResource resource) {
        if (gates == null || resource.status() == null) {
            return;
        }
        for (var sighting : resource.status().tagsFirstSeen()) {
            try {
                gates.firstSeen()
                        .remember(sighting.image(), sighting.tag(), java.time.Instant.parse(sighting.firstSeen()));
            } catch (RuntimeException e) {
                Log.debugf("ImageUpdater %s: ignoring an unreadable tagsFirstSeen entry", resource.ref());
            }
        }
    }

    /** Reads the Application's settings and starts the tag look-ups it needs (shared through the catalog). */
    ApplicationPlan plan(ArgoApplication app, TagCatalog catalog) {
        return plan(app, ApplicationSpecParser.parse(app.annotations(), app.ref()), catalog);
    }

    /** As {@link #plan(ArgoApplication, TagCatalog)}, for settings read elsewhere (an ImageUpdater resource). */
    ApplicationPlan plan(ArgoApplication app, ApplicationSpec spec, TagCatalog catalog) {
        String ref = app.ref();
        spec.warnings().forEach(warning -> Log.warnf("application %s: %s", ref, warning));
        List<ApplicationError> errors = spec.errors().stream()
                .map(error -> new ApplicationError(FailureReason.INVALID_SPEC, error.message()))
                .toList();
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
     * when its strategy needs them. A malformed reference, or one using a source tenants may not use
     * ({@code application-credential-sources}), fails the image only.
     */
    private CompletableFuture<List<Tag>> tags(ArgoApplication app, ImageSpec image, TagCatalog catalog) {
        PullCredentials pull;
        try {
            pull = pull(app, image);
        } catch (CredentialsException e) {
            return CompletableFuture.failedFuture(e);
        }
        boolean gated = image.minAge() != null || image.verification() != null;
        if (!image.strategy().needsMetadata() && !gated) {
            return catalog.tags(image.entry().image(), pull);
        }
        TagQuery query = TagQueries.of(
                image.strategy(),
                image.constraint(),
                image.filter(),
                image.platforms(),
                problem -> Log.warnf("application %s, image %s: %s", app.ref(), image.alias(), problem));
        if (image.verification() != null && !query.needsDigests()) {
            // what is verified is the digest the tag points to now, never one remembered from an earlier cycle
            query = new TagQuery(query.platforms(), query.tagNames(), true);
        }
        return catalog.tagsWithMetadata(image.entry().image(), query, pull);
    }

    private PullCredentials pull(ArgoApplication app, ImageSpec image) {
        return image.pullSecret() == null
                ? null
                : new PullCredentials(
                        credentialSources.check(
                                CredentialRef.parse(image.pullSecret()),
                                image.entry().image().toString()),
                        app.namespace(),
                        app.name());
    }

    /** Filters, min-age, strategy and signature verification for one image; never throws. */
    private ImageOutcome gated(ImageSpec spec, ArgoApplication app, List<Tag> tags, Object cycle) {
        if (spec.minAge() == null && spec.verification() == null) {
            return ImageDecider.decide(spec, app.liveImages(), tags);
        }
        if (gates == null) {
            return ImageOutcome.error(
                    spec.alias(),
                    FailureReason.INVALID_SPEC,
                    "image " + spec.entry().image() + ": min-age and signature verification are not available here");
        }
        try {
            return gates.decide(spec, app, tags, pull(app, spec), cycle);
        } catch (CredentialsException e) {
            return ImageOutcome.error(spec.alias(), FailureReason.INVALID_SPEC, e.getMessage());
        }
    }

    /**
     * Decides every image of the plan: what would be written, not yet written; never throws. Waits for tags only while
     * the cycle may go on.
     */
    Decision decide(ApplicationPlan plan, CycleGuard guard) {
        return decide(plan, SafetyContext.of(plan.application(), null, Instant.now()), guard);
    }

    /** As {@link #decide(ApplicationPlan, CycleGuard)}, with the safety state read for the Application. */
    Decision decide(ApplicationPlan plan, SafetyContext safety, CycleGuard guard) {
        MDC.put("application", plan.ref());
        MDC.put("namespace", plan.application().namespace());
        try {
            List<ImageOutcome> outcomes = plan.images().stream()
                    .map(image -> decideWithContext(image, plan, safety, guard))
                    .toList();
            Map<String, ImageSpec> specs = plan.images().stream()
                    .collect(Collectors.toMap(image -> image.spec().alias(), PlannedImage::spec, (a, b) -> a));
            List<PlannedChange> changes = outcomes.stream()
                    .filter(ImageOutcome::writes)
                    .map(outcome -> new PlannedChange(specs.get(outcome.alias()), outcome.change()))
                    .toList();
            return new Decision(outcomes, changes, null, safety);
        } catch (RuntimeException e) {
            Log.errorf(e, "application %s: unexpected failure", plan.ref());
            return Decision.failed(new ApplicationError(FailureReason.UNEXPECTED, "unexpected failure: " + e));
        } finally {
            MDC.remove("application");
            MDC.remove("namespace");
        }
    }

    /**
     * Decides the plan's images again for a fresh read of its Application (a write found it changed): the same tags,
     * the Application's live images and write target as they are now. A change that would write a version older than
     * the one the Application now names is dropped. Images still waiting for tags are left to the next cycle.
     */
    List<PlannedChange> decideAgain(ApplicationPlan plan, ArgoApplication fresh, boolean fromAnnotations) {
        return decideAgain(plan, fresh, fromAnnotations, SafetyContext.of(fresh, null, Instant.now()));
    }

    /** As {@link #decideAgain(ApplicationPlan, ArgoApplication, boolean)}, through the safety gates of {@code safety}. */
    List<PlannedChange> decideAgain(
            ApplicationPlan plan, ArgoApplication fresh, boolean fromAnnotations, SafetyContext safety) {
        Map<String, ImageSpec> current = fromAnnotations ? currentSpecs(plan, fresh) : null;
        if (fromAnnotations && current == null) {
            return List.of();
        }
        List<PlannedChange> changes = new ArrayList<>();
        for (PlannedImage image : plan.images()) {
            ImageSpec spec =
                    current == null ? image.spec() : current.get(image.spec().alias());
            if (spec == null
                    || !spec.entry().image().sameRepository(image.spec().entry().image())) {
                Log.infof(
                        "application %s, image %s: its settings changed while being written; decided again next cycle",
                        fresh.ref(), image.spec().alias());
                continue;
            }
            if (image.tags() == null
                    || !image.tags().isDone()
                    || image.tags().isCompletedExceptionally()
                    || ImageDecider.gate(spec, fresh.liveImages()).isPresent()) {
                continue;
            }
            Optional<ImageOutcome> early = ImageSafety.before(spec, fresh, safety);
            if (early.isPresent()) {
                if (early.get().writes()) {
                    changes.add(new PlannedChange(spec, early.get().change()));
                }
                continue;
            }
            List<Tag> tags = ImageSafety.unblocked(spec, image.tags().join(), safety);
            ImageOutcome outcome =
                    notOlderThanNamed(fresh, plan.writeBack(), spec, gated(spec, fresh, tags, null), tags);
            outcome = ImageSafety.after(spec, fresh, plan.writeBack(), outcome, tags, safety);
            if (outcome.kind() == ImageOutcome.Kind.UPDATE) {
                changes.add(new PlannedChange(spec, outcome.change()));
            } else {
                Log.infof("application %s, image %s: %s", fresh.ref(), spec.alias(), outcome.message());
            }
        }
        return changes;
    }

    /**
     * The image settings the fresh Application's annotations give now, by alias; {@code null} (nothing to write this
     * cycle) when they can no longer be read or now write back elsewhere.
     */
    private static Map<String, ImageSpec> currentSpecs(ApplicationPlan plan, ArgoApplication fresh) {
        ApplicationSpec spec = ApplicationSpecParser.parse(fresh.annotations(), fresh.ref());
        if (!spec.errors().isEmpty() || !Objects.equals(spec.writeBack(), plan.writeBack())) {
            Log.infof(
                    "application %s: its settings changed while being written; decided again next cycle", fresh.ref());
            return null;
        }
        Map<String, ImageSpec> byAlias = new HashMap<>();
        spec.images().forEach(image -> byAlias.putIfAbsent(image.alias(), image));
        return byAlias;
    }

    /** Folds what the write-back did into the decision and reports it; never throws. */
    ApplicationResult finish(PlannedApplication item, boolean dryRun) {
        ApplicationPlan plan = item.plan();
        Decision decision = item.decision();
        if (decision.failure() != null) {
            List<ApplicationError> errors = new ArrayList<>(plan.errors());
            errors.add(decision.failure());
            errors.forEach(error -> Log.errorf("application %s: %s", plan.ref(), error.message()));
            return new ApplicationResult(plan.ref(), List.of(), errors);
        }
        MDC.put("application", plan.ref());
        MDC.put("namespace", plan.application().namespace());
        try {
            List<ApplicationError> errors = new ArrayList<>(plan.errors());
            WriteResult written = item.written();
            List<ImageOutcome> outcomes =
                    written == null ? decision.outcomes() : applyWriteResult(decision.outcomes(), written, errors);
            outcomes.forEach(outcome -> report(plan, outcome, dryRun));
            errors.forEach(error -> Log.errorf("application %s: %s", plan.ref(), error.message()));
            return new ApplicationResult(plan.ref(), outcomes, errors);
        } catch (RuntimeException e) {
            Log.errorf(e, "application %s: unexpected failure", plan.ref());
            return ApplicationResult.failed(
                    plan.ref(), new ApplicationError(FailureReason.UNEXPECTED, "unexpected failure: " + e));
        } finally {
            MDC.remove("application");
            MDC.remove("namespace");
        }
    }

    private ImageOutcome decideWithContext(
            PlannedImage image, ApplicationPlan plan, SafetyContext safety, CycleGuard guard) {
        MDC.put("image", image.spec().entry().image().toString());
        try {
            return decide(image, plan, safety, guard);
        } finally {
            MDC.remove("image");
        }
    }

    private ImageOutcome decide(PlannedImage image, ApplicationPlan plan, SafetyContext safety, CycleGuard guard) {
        if (image.decided() != null) {
            return image.decided();
        }
        String alias = image.spec().alias();
        Optional<ImageOutcome> early = ImageSafety.before(image.spec(), plan.application(), safety);
        if (early.isPresent()) {
            return early.get();
        }
        try {
            List<Tag> tags = ImageSafety.unblocked(image.spec(), guard.await(image.tags()), safety);
            ImageOutcome outcome = gated(image.spec(), plan.application(), tags, guard);
            outcome = notOlderThanNamed(plan.application(), plan.writeBack(), image.spec(), outcome, tags);
            return ImageSafety.after(image.spec(), plan.application(), plan.writeBack(), outcome, tags, safety);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ImageOutcome.error(
                    alias,
                    FailureReason.REGISTRY_ERROR,
                    "could not list the tags of " + image.spec().entry().image() + ": " + cause.getMessage());
        } catch (CycleGuard.Abandoned e) {
            return ImageOutcome.error(alias, FailureReason.ABANDONED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ImageOutcome.error(alias, FailureReason.ABANDONED, "abandoned: interrupted");
        }
    }

    /**
     * An update that would make the Application's own write target ({@code argocd} write-back) name an older version
     * than it names now, by the image's strategy, is no update: the Application already moved past it.
     */
    private static ImageOutcome notOlderThanNamed(
            ArgoApplication app, WriteBackConfig writeBack, ImageSpec spec, ImageOutcome outcome, List<Tag> tags) {
        if (outcome.kind() != ImageOutcome.Kind.UPDATE
                || writeBack == null
                || writeBack.method() == WriteBackMethod.GIT) {
            return outcome;
        }
        String named = WrittenImages.named(app, spec).orElse(null);
        if (named == null || !ImageDecider.newer(spec, named, outcome.change().to(), tags)) {
            return outcome;
        }
        return ImageOutcome.of(
                spec.alias(),
                ImageOutcome.Kind.CURRENT,
                "the Application names " + named + ", newer than "
                        + ImageChange.version(outcome.change().to()) + "; not written");
    }

    /**
     * The outcomes after writing: an UPDATE stays one only for a change that was written (after deciding again, the
     * change written); a failed write-back fails every UPDATE.
     */
    private static List<ImageOutcome> applyWriteResult(
            List<ImageOutcome> outcomes, WriteResult result, List<ApplicationError> errors) {
        if (result.error() != null) {
            FailureReason reason = result.refused() ? FailureReason.ABANDONED : FailureReason.WRITE_BACK_FAILED;
            errors.add(new ApplicationError(reason, result.error()));
            return outcomes.stream()
                    .map(outcome -> !outcome.writes()
                            ? outcome
                            : ImageOutcome.error(outcome.alias(), reason, "write-back failed: " + result.error())
                                    .withNewest(outcome.newest()))
                    .toList();
        }
        Map<String, PlannedChange> applied = byAlias(result.applied());
        Map<String, PlannedChange> alreadyCurrent = byAlias(result.alreadyCurrent());
        Map<String, PlannedChange> dropped = byAlias(result.dropped());
        return outcomes.stream()
                .map(outcome -> {
                    if (!outcome.writes()) {
                        return outcome;
                    }
                    if (applied.containsKey(outcome.alias())) {
                        ImageChange change = applied.get(outcome.alias()).change();
                        ImageOutcome written =
                                result.pullRequest() == null || outcome.kind() != ImageOutcome.Kind.UPDATE
                                        ? outcome.withChange(change)
                                        : ImageOutcome.proposed(change, result.pullRequest());
                        return written.kind() == ImageOutcome.Kind.UPDATE
                                ? written.withRejected(outcome.rejected())
                                : written;
                    }
                    if (alreadyCurrent.containsKey(outcome.alias())) {
                        return ImageOutcome.of(
                                outcome.alias(),
                                ImageOutcome.Kind.CURRENT,
                                "the write-back target already names "
                                        + alreadyCurrent
                                                .get(outcome.alias())
                                                .change()
                                                .to());
                    }
                    if (dropped.containsKey(outcome.alias())) {
                        return ImageOutcome.of(
                                outcome.alias(),
                                ImageOutcome.Kind.CURRENT,
                                "not written: the value changed in Git since it was read; decided again next cycle");
                    }
                    return ImageOutcome.of(
                            outcome.alias(),
                            ImageOutcome.Kind.CURRENT,
                            "not written: the Application changed while being written, and deciding again left "
                                    + "nothing to write for this image");
                })
                .toList();
    }

    private static Map<String, PlannedChange> byAlias(List<PlannedChange> changes) {
        return changes.stream()
                .collect(Collectors.toMap(change -> change.change().alias(), Function.identity(), (a, b) -> a));
    }

    private void report(ApplicationPlan plan, ImageOutcome outcome, boolean dryRun) {
        switch (outcome.kind()) {
            case UPDATE -> {
                Log.infof("application %s: %s %s", plan.ref(), dryRun ? "would update" : "updated", outcome.change());
            }
            case ROLLED_BACK ->
                Log.warnf(
                        "application %s: %s %s: %s",
                        plan.ref(), dryRun ? "would roll back" : "rolled back", outcome.change(), outcome.message());
            case ERROR -> Log.errorf("application %s, image %s: %s", plan.ref(), outcome.alias(), outcome.message());
            case NO_CANDIDATE ->
                Log.warnf("application %s, image %s: %s", plan.ref(), outcome.alias(), outcome.message());
            default -> Log.debugf("application %s, image %s: %s", plan.ref(), outcome.alias(), outcome.message());
        }
    }
}
