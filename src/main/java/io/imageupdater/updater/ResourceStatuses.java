package io.imageupdater.updater;

import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.Condition;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.RecentUpdate;
import io.imageupdater.argocd.crd.ResourceProblem;
import io.imageupdater.image.ImageChange;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Pure: the status an ImageUpdater resource gets after a cycle, and whether it differs from the stored one. */
final class ResourceStatuses {
    static final int MAX_RECENT_UPDATES = 10;
    static final int MAX_MESSAGES = 5;
    static final int MAX_REJECTED = 20;
    /** lastCheckedAt alone is refreshed at most this often, so an idle resource is not rewritten every cycle. */
    static final Duration CHECK_HEARTBEAT = Duration.ofMinutes(10);

    private ResourceStatuses() {}

    static ImageUpdaterStatus next(ImageUpdaterStatus previous, ResourceResult result, Instant now) {
        return next(previous, result, now, List.of());
    }

    /** With the first sightings of tags of the resource's images that have a minimum age. */
    static ImageUpdaterStatus next(
            ImageUpdaterStatus previous,
            ResourceResult result,
            Instant now,
            List<ImageUpdaterStatus.TagSighting> sightings) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<RecentUpdate> updates = updates(result, at);
        List<RecentUpdate> recent = new ArrayList<>(updates);
        if (previous != null) {
            recent.addAll(previous.recentUpdates());
        }
        List<Condition> conditions = conditions(result, previous, at);
        return new ImageUpdaterStatus(
                result.resource().generation(),
                at,
                updates.isEmpty() ? previous == null ? null : previous.lastUpdatedAt() : at,
                result.applications().size(),
                result.imagesManaged(),
                recent.subList(0, Math.min(recent.size(), MAX_RECENT_UPDATES)),
                conditions,
                SafetyStatuses.pending(previous, result, at),
                SafetyStatuses.blocked(previous, result, at),
                SafetyStatuses.pinned(result),
                rejected(result),
                sightings);
    }

    /** The candidates each image's last decision rejected, at most {@value #MAX_REJECTED}. */
    private static List<ImageUpdaterStatus.RejectedCandidate> rejected(ResourceResult result) {
        List<ImageUpdaterStatus.RejectedCandidate> rejected = new ArrayList<>();
        for (ApplicationResult app : result.applications()) {
            for (ImageOutcome outcome : app.images()) {
                for (RejectedCandidate candidate : outcome.rejected()) {
                    if (rejected.size() < MAX_REJECTED) {
                        rejected.add(new ImageUpdaterStatus.RejectedCandidate(
                                app.application(),
                                outcome.alias(),
                                candidate.tag(),
                                candidate.digest(),
                                candidate.reason(),
                                candidate.detail()));
                    }
                }
            }
        }
        return rejected;
    }

    /**
     * The status after a targeted cycle (a webhook event), which saw only some of the resource's images: what it
     * updated joins the recent updates and sets lastUpdatedAt; everything only a full check knows stays as it was.
     * Without a previous status, as {@link #next}.
     */
    static ImageUpdaterStatus afterTargeted(ImageUpdaterStatus previous, ResourceResult result, Instant now) {
        if (previous == null) {
            return next(null, result, now);
        }
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<RecentUpdate> recent = new ArrayList<>(updates(result, at));
        if (recent.isEmpty()) {
            return previous;
        }
        recent.addAll(previous.recentUpdates());
        return new ImageUpdaterStatus(
                previous.observedGeneration(),
                previous.lastCheckedAt(),
                at,
                previous.applicationsMatched(),
                previous.imagesManaged(),
                recent.subList(0, Math.min(recent.size(), MAX_RECENT_UPDATES)),
                previous.conditions(),
                previous.pendingUpdates(),
                previous.blockedVersions(),
                previous.pinnedImages(),
                previous.rejectedCandidates(),
                previous.tagsFirstSeen());
    }

    /** Whether {@code next} must be written: anything but lastCheckedAt changed, or the last check is old. */
    static boolean changed(ImageUpdaterStatus previous, ImageUpdaterStatus next) {
        if (previous == null) {
            return true;
        }
        boolean same = Objects.equals(previous.observedGeneration(), next.observedGeneration())
                && Objects.equals(previous.lastUpdatedAt(), next.lastUpdatedAt())
                && Objects.equals(previous.applicationsMatched(), next.applicationsMatched())
                && Objects.equals(previous.imagesManaged(), next.imagesManaged())
                && previous.recentUpdates().equals(next.recentUpdates())
                && previous.conditions().equals(next.conditions())
                && previous.pendingUpdates().equals(next.pendingUpdates())
                && previous.blockedVersions().equals(next.blockedVersions())
                && previous.pinnedImages().equals(next.pinnedImages())
                && previous.rejectedCandidates().equals(next.rejectedCandidates())
                && previous.tagsFirstSeen().equals(next.tagsFirstSeen());
        return !same || heartbeatDue(previous.lastCheckedAt(), next.lastCheckedAt());
    }

    /** Whether the last check is old; a stored time that is not RFC 3339 (written by someone else) counts as old. */
    private static boolean heartbeatDue(String previous, String next) {
        try {
            return previous == null
                    || Instant.parse(previous).plus(CHECK_HEARTBEAT).isBefore(Instant.parse(next));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static List<RecentUpdate> updates(ResourceResult result, String at) {
        Map<String, List<String>> byChange = new LinkedHashMap<>();
        Map<String, ImageChange> changes = new LinkedHashMap<>();
        Map<String, String> pullRequests = new LinkedHashMap<>();
        for (ApplicationResult app : result.applications()) {
            for (ImageOutcome outcome : app.images()) {
                if (outcome.kind() == ImageOutcome.Kind.UPDATE) {
                    String key = outcome.alias() + "|" + outcome.change().to();
                    changes.putIfAbsent(key, outcome.change());
                    outcome.pullRequest().ifPresent(url -> pullRequests.putIfAbsent(key, url));
                    byChange.computeIfAbsent(key, k -> new ArrayList<>()).add(app.application());
                }
            }
        }
        List<RecentUpdate> updates = new ArrayList<>();
        byChange.forEach((key, apps) -> {
            ImageChange change = changes.get(key);
            updates.add(new RecentUpdate(
                    change.alias(),
                    change.to().nameWithRegistry(),
                    ImageChange.version(change.to()),
                    apps.size(),
                    at,
                    "updated from " + ImageChange.version(change.from()) + " in " + String.join(", ", apps)
                            + (pullRequests.containsKey(key) ? " (pull request " + pullRequests.get(key) + ")" : "")));
        });
        return updates;
    }

    private static List<Condition> conditions(ResourceResult result, ImageUpdaterStatus previous, String at) {
        long generation = result.resource().generation();
        List<ResourceProblem> errors = errors(result);
        Condition ready;
        Condition error;
        if (errors.isEmpty()) {
            error = new Condition(
                    ImageUpdaterStatus.ERROR, "False", generation, at, "NoErrors", "no errors in the last check");
            ready = result.applications().isEmpty()
                    ? new Condition(
                            ImageUpdaterStatus.READY,
                            "True",
                            generation,
                            at,
                            "NoApplicationsMatched",
                            "no Application in namespace " + result.resource().namespace()
                                    + " matches any applicationRefs entry")
                    : new Condition(
                            ImageUpdaterStatus.READY,
                            "True",
                            generation,
                            at,
                            "Reconciled",
                            result.applications().size() + " Application(s) and " + result.imagesManaged()
                                    + " image(s) checked");
        } else {
            error = new Condition(
                    ImageUpdaterStatus.ERROR,
                    "True",
                    generation,
                    at,
                    errors.get(0).reason(),
                    join(errors));
            ready = new Condition(
                    ImageUpdaterStatus.READY,
                    "False",
                    generation,
                    at,
                    errors.get(0).reason(),
                    errors.size() + " problem(s) in the last check; see the Error condition");
        }
        Condition reconciling = new Condition(
                ImageUpdaterStatus.RECONCILING,
                "False",
                generation,
                at,
                "CheckFinished",
                "the last check of generation " + generation + " finished");
        return List.of(keepTime(ready, previous), keepTime(reconciling, previous), keepTime(error, previous));
    }

    /** Problems of the resource first, then those of its Applications and images, each with its typed reason. */
    private static List<ResourceProblem> errors(ResourceResult result) {
        List<ResourceProblem> errors = new ArrayList<>(result.problems());
        for (ApplicationResult app : result.applications()) {
            for (ApplicationError error : app.errors()) {
                errors.add(new ResourceProblem(error.reason().conditionReason(), error.message()));
            }
            for (ImageOutcome image : app.images()) {
                if (image.isError()) {
                    errors.add(new ResourceProblem(
                            image.reason().conditionReason(),
                            "application " + app.application() + ", image " + image.alias() + ": " + image.message()));
                }
            }
        }
        return errors;
    }

    private static String join(List<ResourceProblem> errors) {
        List<String> messages = errors.stream()
                .limit(MAX_MESSAGES)
                .map(ResourceProblem::message)
                .toList();
        String more = errors.size() > MAX_MESSAGES ? "; and " + (errors.size() - MAX_MESSAGES) + " more" : "";
        return String.join("; ", messages) + more;
    }

    /** The condition with the previous transition time when nothing about it changed. */
    private static Condition keepTime(Condition next, ImageUpdaterStatus previous) {
        Condition before = previous == null ? null : previous.condition(next.type());
        return next.sameAs(before) && Objects.equals(before.observedGeneration(), next.observedGeneration())
                ? before
                : next;
    }
}
