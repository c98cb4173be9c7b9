package io.imageupdater.updater;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ApplicationSpec;
import io.imageupdater.argocd.ApplicationSpecParser;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.LabelSelector;
import io.imageupdater.argocd.crd.ApplicationClaims;
import io.imageupdater.argocd.crd.ApplicationClaims.Claim;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ResourceRules;
import io.imageupdater.argocd.crd.ResourceSettings;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.TagCatalog;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One update cycle: gather Applications and ImageUpdater resources, plan their images, fetch each repository's
 * tags once, decide per image, write back (grouped: one patch per Application, one commit per Git branch),
 * report (status of each resource, metrics, summary).
 * Every step after gathering is isolated per item, and each Application travels through the steps as one
 * {@link PlannedApplication}. Each cycle has a deadline and runs under the leadership it started with
 * ({@link CycleGuard}); past either, its remaining work is abandoned and reported.
 *
 * <p>An Application selected by an ImageUpdater resource is handled with that resource's settings; any other
 * Application with the {@code image-list} annotation is handled from its annotations, unless
 * {@link CycleOptions#annotations()} is off.
 */
@ApplicationScoped
public class UpdateCycle {
    private final InventoryReader inventory;
    private final Registries registries;
    private final ApplicationUpdater updater;
    private final WriteBacks writeBacks;
    private final ResourceReports reports;
    private final Clock clock;

    public UpdateCycle(
            InventoryReader inventory,
            Registries registries,
            ApplicationUpdater updater,
            WriteBacks writeBacks,
            ResourceReports reports,
            Clock clock) {
        this.inventory = inventory;
        this.registries = registries;
        this.updater = updater;
        this.writeBacks = writeBacks;
        this.reports = reports;
        this.clock = clock;
    }

    /** Runs one cycle as the only replica, with the options' deadline. */
    public CycleResult run(CycleOptions options) {
        return run(options, () -> true);
    }

    /**
     * Runs one cycle. It is abandoned once {@code leading} turns false or {@code cycle-timeout} has passed: waits end,
     * no write starts, and what was left undone is reported; the cycle still reaches its summary, status and metrics.
     *
     * @param leading whether this replica still holds the leadership the cycle started under
     */
    public CycleResult run(CycleOptions options, BooleanSupplier leading) {
        return run(options, leading, CycleTarget.all());
    }

    /**
     * As {@link #run(CycleOptions, BooleanSupplier)}, restricted to the target's images (a webhook event): Applications
     * with none of them are left out, and only the targeted images of the others are looked up, decided and written.
     */
    public CycleResult run(CycleOptions options, BooleanSupplier leading, CycleTarget target) {
        Instant start = clock.instant();
        CycleGuard guard = CycleGuard.start(options.cycleTimeout(), leading);
        Inventory found = inventory.read(options.filter());
        List<String> errors = new ArrayList<>(found.errors());
        List<ResourceRules> rules = compile(found.resources(), errors);
        found.resources().forEach(updater::rememberFirstSeen);
        ApplicationClaims claims = ApplicationClaims.assign(rules, found.applications());
        TagCatalog catalog = registries.newCatalog();
        List<PlannedApplication> items = new ArrayList<>();
        for (Claim claim : claims.claims()) {
            ImageUpdaterResource owner = claim.resource().resource();
            Supplier<ApplicationSpec> spec =
                    () -> ResourceSettings.applicationSpec(owner, claim.rule(), claim.application());
            if (target.isAll()) {
                items.add(PlannedApplication.of(plan(claim.application(), catalog, spec), owner));
            } else {
                planTargeted(claim.application(), catalog, spec, target, owner, items);
            }
        }
        for (ArgoApplication app : legacy(found.applications(), claims, options, errors)) {
            if (target.isAll()) {
                items.add(PlannedApplication.of(plan(app, catalog, null), null));
            } else {
                planTargeted(
                        app,
                        catalog,
                        () -> ApplicationSpecParser.parse(app.annotations(), app.ref()),
                        target,
                        null,
                        items);
            }
        }
        List<PlannedApplication> finished = completeAll(items, options, guard, start);
        if (finished.stream().anyMatch(UpdateCycle::abandoned)) {
            String reason = guard.stopped().orElse("abandoned");
            Log.warnf("update cycle %s; what was left undone is retried next cycle", reason);
            errors.add("update cycle " + reason);
        }
        List<ResourceResult> resources = target.isAll()
                ? reports.report(rules, claims, finished, options.dryRun(), guard.leading())
                : reports.reportTargeted(rules, finished, options.dryRun(), guard.leading());
        Instant end = clock.instant();
        CycleResult result = new CycleResult(
                finished.stream().map(PlannedApplication::result).toList(),
                errors,
                Duration.between(start, end),
                resources,
                start,
                options.dryRun(),
                ImageRows.of(finished, options.dryRun(), end));
        reports.cycleFinished(result);
        Log.info((options.dryRun() ? "[dry run] " : "") + (target.isAll() ? "" : "targeted ") + result.summary());
        return result;
    }

    /**
     * Plans one Application, isolated: whatever goes wrong becomes a failure recorded for it, never an exception
     * that stops the cycle.
     *
     * @param spec its settings from an ImageUpdater resource, or {@code null} to read its annotations
     */
    private ApplicationPlan plan(ArgoApplication app, TagCatalog catalog, Supplier<ApplicationSpec> spec) {
        try {
            return spec == null ? updater.plan(app, catalog) : updater.plan(app, spec.get(), catalog);
        } catch (RuntimeException | StackOverflowError e) {
            Log.errorf(e, "application %s: planning failed unexpectedly", app.ref());
            return ApplicationPlan.failed(
                    app,
                    new ApplicationError(
                            FailureReason.UNEXPECTED,
                            "application " + app.ref() + ": planning failed unexpectedly: " + e));
        }
    }

    /**
     * Plans the Application's targeted images, if it has any; settings that cannot be read leave it out (polling
     * reports them). Isolated like {@link #plan}.
     */
    private void planTargeted(
            ArgoApplication app,
            TagCatalog catalog,
            Supplier<ApplicationSpec> spec,
            CycleTarget target,
            ImageUpdaterResource owner,
            List<PlannedApplication> items) {
        ApplicationSpec narrowed;
        try {
            narrowed = target.narrow(spec.get());
        } catch (RuntimeException | StackOverflowError e) {
            Log.debugf("application %s: settings not readable; left to the next polling cycle: %s", app.ref(), e);
            return;
        }
        if (narrowed != null) {
            items.add(PlannedApplication.of(plan(app, catalog, () -> narrowed), owner));
        }
    }

    /** The rules of each resource; a resource whose rules cannot be compiled is reported and left out. */
    private static List<ResourceRules> compile(List<ImageUpdaterResource> resources, List<String> errors) {
        List<ResourceRules> rules = new ArrayList<>();
        for (ImageUpdaterResource resource : resources) {
            try {
                rules.add(ResourceRules.compile(resource));
            } catch (RuntimeException e) {
                String error = "ImageUpdater " + resource.ref() + ": could not be read: " + e;
                Log.error(error);
                errors.add(error);
            }
        }
        return rules;
    }

    private static boolean abandoned(PlannedApplication item) {
        ApplicationResult result = item.result();
        return result.errors().stream().anyMatch(error -> error.reason() == FailureReason.ABANDONED)
                || result.images().stream().anyMatch(image -> image.reason() == FailureReason.ABANDONED);
    }

    /** Applications no resource handles that are handled from their annotations (0.x), under the filters. */
    private static List<ArgoApplication> legacy(
            List<ArgoApplication> applications, ApplicationClaims claims, CycleOptions options, List<String> errors) {
        if (!options.annotations()) {
            return List.of();
        }
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(options.filter().labelSelector());
        } catch (ImageUpdaterException e) {
            Log.error(e.getMessage());
            errors.add(e.getMessage());
            return List.of();
        }
        Set<String> claimed = new HashSet<>();
        claims.claims().forEach(claim -> claimed.add(claim.application().ref()));
        return applications.stream()
                .filter(app -> !claimed.contains(app.ref()))
                .filter(app -> ApplicationLister.annotated(app, options.filter(), selector))
                .toList();
    }

    /** Decides every Application concurrently, writes back grouped, then finishes each Application. */
    private List<PlannedApplication> completeAll(
            List<PlannedApplication> items, CycleOptions options, CycleGuard guard, Instant now) {
        List<PlannedApplication> written = writeBacks.write(decideAll(items, options, guard, now), options, guard);
        return written.stream()
                .map(item -> item.finished(updater.finish(item, options.dryRun())))
                .toList();
    }

    private List<PlannedApplication> decideAll(
            List<PlannedApplication> items, CycleOptions options, CycleGuard guard, Instant now) {
        Semaphore permits = new Semaphore(options.maxConcurrentApps());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Decision>> futures = items.stream()
                    .map(item -> executor.submit(() -> {
                        permits.acquire();
                        try {
                            ArgoApplication app =
                                    inventory.withHealth(item.plan().application(), now);
                            return updater.decide(item.plan(), SafetyContext.of(app, item.owner(), now), guard);
                        } finally {
                            permits.release();
                        }
                    }))
                    .toList();
            List<PlannedApplication> decided = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                decided.add(items.get(i).decided(await(futures.get(i), guard)));
            }
            return decided;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Decision await(Future<Decision> future, CycleGuard guard) {
        try {
            return guard.await(future);
        } catch (CycleGuard.Abandoned e) {
            return Decision.failed(new ApplicationError(FailureReason.ABANDONED, e.getMessage()));
        } catch (ExecutionException e) {
            return Decision.failed(
                    new ApplicationError(FailureReason.UNEXPECTED, "unexpected failure: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.failed(new ApplicationError(FailureReason.ABANDONED, "abandoned: interrupted"));
        }
    }
}
