package io.imageupdater.updater;

import io.imageupdater.argocd.ApplicationLister;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.TagCatalog;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One update cycle: gather Applications, plan their images, fetch each repository's tags once, decide
 * per image, write back per Application, report. Every step after gathering is isolated per item.
 */
@ApplicationScoped
public class UpdateCycle {
    private final ApplicationLister lister;
    private final Registries registries;
    private final ApplicationUpdater updater;
    private final UpdaterMetrics metrics;
    private final Clock clock;

    public UpdateCycle(ApplicationLister lister, Registries registries, ApplicationUpdater updater, UpdaterMetrics metrics,
            Clock clock) {
        this.lister = lister;
        this.registries = registries;
        this.updater = updater;
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

    private List<ApplicationResult> completeAll(List<ApplicationPlan> plans, CycleOptions options) {
        Semaphore permits = new Semaphore(options.maxConcurrentApps());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ApplicationResult>> futures = plans.stream().map(plan -> executor.submit(() -> {
                permits.acquire();
                try {
                    return updater.complete(plan, options.dryRun());
                } finally {
                    permits.release();
                }
            })).toList();
            List<ApplicationResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), plans.get(i)));
            }
            return results;
        }
    }

    private static ApplicationResult await(Future<ApplicationResult> future, ApplicationPlan plan) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return ApplicationResult.failed(plan.ref(), "unexpected failure: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApplicationResult.failed(plan.ref(), "interrupted");
        }
    }
}
