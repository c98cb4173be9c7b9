package io.imageupdater.updater;

import io.imageupdater.argocd.crd.ApplicationClaims;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ResourceProblem;
import io.imageupdater.argocd.crd.ResourceRules;
import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report step: one {@link ResourceResult} per ImageUpdater resource, its status written, and the metrics of
 * the cycle (per resource, and for Applications handled from annotations). Series of resources that have
 * disappeared since the last cycle are removed.
 */
@ApplicationScoped
class ResourceReports {
    private final ResourceStatusWriter statuses;
    private final UpdaterMetrics metrics;
    private final SafetyRecorder safety;
    private final Set<String> known = new HashSet<>();

    ResourceReports(ResourceStatusWriter statuses, UpdaterMetrics metrics, SafetyRecorder safety) {
        this.statuses = statuses;
        this.metrics = metrics;
        this.safety = safety;
    }

    /**
     * @param items         every Application of the cycle, finished
     * @param writeStatuses whether statuses may be written (not by a replica that lost the leader Lease)
     */
    List<ResourceResult> report(
            List<ResourceRules> rules,
            ApplicationClaims claims,
            List<PlannedApplication> items,
            boolean dryRun,
            boolean writeStatuses) {
        Map<String, List<ApplicationResult>> applications = new LinkedHashMap<>();
        Map<String, Integer> images = new LinkedHashMap<>();
        int legacyApps = 0;
        int legacyImages = 0;
        for (PlannedApplication item : items) {
            ImageUpdaterResource owner = item.owner();
            int planned = item.plan().images().size();
            if (owner == null) {
                legacyApps++;
                legacyImages += planned;
            } else {
                applications
                        .computeIfAbsent(owner.ref(), key -> new ArrayList<>())
                        .add(item.result());
                images.merge(owner.ref(), planned, Integer::sum);
            }
            count(item, dryRun);
            if (!dryRun && writeStatuses) {
                safety.record(item);
            }
        }
        metrics.watched(legacyApps, legacyImages);
        List<ResourceResult> reported = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ResourceRules rule : rules) {
            ImageUpdaterResource resource = rule.resource();
            List<ResourceProblem> problems = new ArrayList<>(rule.problems());
            problems.addAll(claims.conflictsOf(resource));
            ResourceResult result = new ResourceResult(
                    resource,
                    applications.getOrDefault(resource.ref(), List.of()),
                    images.getOrDefault(resource.ref(), 0),
                    problems);
            problems.forEach(problem -> Log.warnf("ImageUpdater %s: %s", resource.ref(), problem.message()));
            metrics.resourceWatched(
                    resource.name(), resource.namespace(), result.applications().size(), result.imagesManaged());
            if (!dryRun && writeStatuses) {
                write(result);
            }
            seen.add(resource.namespace() + "/" + resource.name());
            reported.add(result);
        }
        forgetDeleted(seen);
        return reported;
    }

    /**
     * The report of a targeted cycle (a webhook event): update and error counters as in polling, and the status of
     * each resource that handled a targeted image, with what the cycle updated added to its recent updates. What only
     * a full check knows (Applications matched, images managed, conditions, watched gauges) stays as polling left it.
     */
    List<ResourceResult> reportTargeted(
            List<ResourceRules> rules, List<PlannedApplication> items, boolean dryRun, boolean writeStatuses) {
        Map<String, List<ApplicationResult>> applications = new LinkedHashMap<>();
        Map<String, Integer> images = new LinkedHashMap<>();
        for (PlannedApplication item : items) {
            ImageUpdaterResource owner = item.owner();
            if (owner != null) {
                applications
                        .computeIfAbsent(owner.ref(), key -> new ArrayList<>())
                        .add(item.result());
                images.merge(owner.ref(), item.plan().images().size(), Integer::sum);
            }
            count(item, dryRun);
        }
        List<ResourceResult> reported = new ArrayList<>();
        for (ResourceRules rule : rules) {
            ImageUpdaterResource resource = rule.resource();
            List<ApplicationResult> handled = applications.get(resource.ref());
            if (handled == null) {
                continue;
            }
            ResourceResult result = new ResourceResult(resource, handled, images.get(resource.ref()), List.of());
            if (!dryRun && writeStatuses) {
                try {
                    statuses.writeTargeted(result);
                } catch (RuntimeException e) {
                    Log.errorf(e, "ImageUpdater %s: could not write its status", result.ref());
                }
            }
            reported.add(result);
        }
        return reported;
    }

    /** Writes one resource's status; whatever goes wrong is logged and stops nothing else. */
    private void write(ResourceResult result) {
        try {
            statuses.write(result);
        } catch (RuntimeException e) {
            Log.errorf(e, "ImageUpdater %s: could not write its status", result.ref());
        }
    }

    void cycleFinished(CycleResult result) {
        metrics.cycleCompleted(result.duration());
    }

    private void count(PlannedApplication item, boolean dryRun) {
        String name = item.plan().application().name();
        ImageUpdaterResource owner = item.owner();
        for (ImageOutcome image : item.result().images()) {
            if (image.kind() == ImageOutcome.Kind.UPDATE && !dryRun) {
                if (owner == null) {
                    metrics.imageUpdated(name);
                } else {
                    metrics.resourceImageUpdated(name, owner.name(), owner.namespace());
                }
            } else if (image.isError()) {
                if (owner == null) {
                    metrics.imageError(name);
                } else {
                    metrics.resourceImageError(name, owner.name(), owner.namespace());
                }
            }
        }
    }

    /** Removes the series of resources seen in an earlier cycle but not in this one. */
    private synchronized void forgetDeleted(Set<String> seen) {
        for (String ref : Set.copyOf(known)) {
            if (!seen.contains(ref)) {
                int slash = ref.indexOf('/');
                metrics.resourceRemoved(ref.substring(slash + 1), ref.substring(0, slash));
                Log.infof("ImageUpdater %s is gone; its metrics are removed", ref);
            }
        }
        known.clear();
        known.addAll(seen);
    }
}
