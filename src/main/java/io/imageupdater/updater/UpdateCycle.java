package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.TagCatalog;
import io.imageupdater.writeback.WriteResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One update cycle: gather Applications, plan their images, fetch each repository's tags once, decide
 * per image, write back (grouped: one patch per Application, one commit per Git branch), report. Every step
 * after gathering is isolated per item.
 */
@ApplicationScoped
public class UpdateCycle {
    private final ApplicationLister lister;
    private final Registries registries;
    private final ApplicationUpdater updater;
    private final WriteBacks writeBacks;
    private final UpdaterMetrics metrics;
    private final Clock clock;

    public UpdateCycle(ApplicationLister lister, Registries registries, ApplicationUpdater updater,
            WriteBacks writeBacks, UpdaterMetrics metrics, Clock clock) {
        this.lister = lister;
        this.registries = registries;
        this.updater = updater;
        this.writeBacks = writeBacks;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CycleResult run(CycleOptions options) {
        Instant start = clock.instant();
        List<String> errors = new ArrayList<>();
        List<ArgoApplication> applications = gather(options, errors);
        TagCatalog catalog = registries.newCatalog();
        List<ApplicationPlan> plans = applications.stream().map(app -> updater.plan(app, catalog)).toList();
        List<ApplicationResult> results = completeAll(plans, options);
        CycleResult result = new CycleResult(results, errors, Duration.between(start, clock.instant()));
        metrics.watched(applications.size(), result.images());
        metrics.cycleCompleted(result.duration());
        Log.info((options.dryRun() ? "[dry run] " : "") + result.summary());
        return result;
    }

    private List<ArgoApplication> gather(CycleOptions options, List<String> errors) {
        for (int i = 0; i < ApplicationLister.requestsFor(options.filter()); i++) {
            metrics.kubernetesRequest();
        }
        try {
            return lister.list(options.filter());
        } catch (RuntimeException e) {
            metrics.kubernetesError();
            String error = "could not list Applications: " + e.getMessage();
            Log.error(error);
            errors.add(error);
            return List.of();
        }
    }

    /** Decides every Application concurrently, writes back grouped, then finishes each Application. */
    private List<ApplicationResult> completeAll(List<ApplicationPlan> plans, CycleOptions options) {
        List<Decision> decisions = decideAll(plans, options);
        Map<Decision, WriteResult> written = writeBacks.write(decisions, options);
        return decisions.stream()
                .map(decision -> updater.finish(decision, written.get(decision), options.dryRun())).toList();
    }

    private List<Decision> decideAll(List<ApplicationPlan> plans, CycleOptions options) {
        Semaphore permits = new Semaphore(options.maxConcurrentApps());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Decision>> futures = plans.stream().map(plan -> executor.submit(() -> {
                permits.acquire();
                try {
                    return updater.decide(plan);
                } finally {
                    permits.release();
                }
            })).toList();
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
