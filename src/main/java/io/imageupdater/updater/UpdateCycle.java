package io.imageupdater.updater;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.LabelSelector;
import io.imageupdater.argocd.crd.ApplicationClaims;
import io.imageupdater.argocd.crd.ApplicationClaims.Claim;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ResourceRules;
import io.imageupdater.argocd.crd.ResourceSettings;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One update cycle: gather Applications and ImageUpdater resources, plan their images, fetch each repository's
 * tags once, decide per image, write back (grouped: one patch per Application, one commit per Git branch),
 * report (status of each resource, metrics, summary).
 * Every step after gathering is isolated per item.
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

    public CycleResult run(CycleOptions options) {
        Instant start = clock.instant();
        Inventory found = inventory.read(options.filter());
        List<ResourceRules> rules =
                found.resources().stream().map(ResourceRules::compile).toList();
        ApplicationClaims claims = ApplicationClaims.assign(rules, found.applications());
        TagCatalog catalog = registries.newCatalog();
        List<ApplicationPlan> plans = new ArrayList<>();
        List<ImageUpdaterResource> owners = new ArrayList<>();
        for (Claim claim : claims.claims()) {
            plans.add(updater.plan(
                    claim.application(),
                    ResourceSettings.applicationSpec(claim.resource().resource(), claim.rule(), claim.application()),
                    catalog));
            owners.add(claim.resource().resource());
        }
        List<String> errors = new ArrayList<>(found.errors());
        for (ArgoApplication app : legacy(found.applications(), claims, options, errors)) {
            plans.add(updater.plan(app, catalog));
            owners.add(null);
        }
        List<ApplicationResult> results = completeAll(plans, options);
        List<ResourceResult> resources = reports.report(rules, claims, plans, results, owners, options.dryRun());
        CycleResult result = new CycleResult(results, errors, Duration.between(start, clock.instant()), resources);
        reports.cycleFinished(result);
        Log.info((options.dryRun() ? "[dry run] " : "") + result.summary());
        return result;
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
    private List<ApplicationResult> completeAll(List<ApplicationPlan> plans, CycleOptions options) {
        List<Decision> decisions = decideAll(plans, options);
        Map<Decision, WriteResult> written = writeBacks.write(decisions, options);
        return decisions.stream()
                .map(decision -> updater.finish(decision, written.get(decision), options.dryRun()))
                .toList();
    }

    private List<Decision> decideAll(List<ApplicationPlan> plans, CycleOptions options) {
        Semaphore permits = new Semaphore(options.maxConcurrentApps());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Decision>> futures = plans.stream()
                    .map(plan -> executor.submit(() -> {
                        permits.acquire();
                        try {
                            return updater.decide(plan);
                        } finally {
                            permits.release();
                        }
                    }))
                    .toList();
            List<Decision> decisions = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                decisions.add(await(futures.get(i), plans.get(i)));
            }
            return decisions;
        }
    }

    private static Decision await(Future<Decision> future, ApplicationPlan plan) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new Decision(plan, List.of(), List.of(), "unexpected failure: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Decision(plan, List.of(), List.of(), "interrupted");
        }
    }
}
