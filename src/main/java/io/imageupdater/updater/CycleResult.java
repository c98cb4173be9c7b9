package io.imageupdater.updater;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one update cycle did.
 *
 * @param applications one result per Application considered
 * @param errors       failures outside any single Application (a namespace that could not be listed)
 * @param duration     wall time of the cycle
 * @param resources    one result per ImageUpdater resource (its Applications are also in {@code applications})
 * @param started      when the cycle started, or {@code null} when not recorded
 * @param dryRun       whether it was a dry run (nothing written)
 * @param rows         one row per (Application, image), for the status page and the JSON API
 */
public record CycleResult(
        List<ApplicationResult> applications,
        List<String> errors,
        Duration duration,
        List<ResourceResult> resources,
        Instant started,
        boolean dryRun,
        List<ImageRow> rows) {
    public CycleResult {
        applications = List.copyOf(applications);
        errors = List.copyOf(errors);
        resources = List.copyOf(resources);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    public CycleResult(
            List<ApplicationResult> applications,
            List<String> errors,
            Duration duration,
            List<ResourceResult> resources) {
        this(applications, errors, duration, resources, null, false, List.of());
    }

    public CycleResult(List<ApplicationResult> applications, List<String> errors, Duration duration) {
        this(applications, errors, duration, List.of());
    }

    public int images() {
        return applications.stream().mapToInt(app -> app.images().size()).sum();
    }

    public long updated() {
        return applications.stream()
                .mapToLong(app -> app.count(ImageOutcome.Kind.UPDATE))
                .sum();
    }

    public long skipped() {
        return images()
                - updated()
                - applications.stream()
                        .mapToLong(app -> app.count(ImageOutcome.Kind.ERROR))
                        .sum();
    }

    public int errorCount() {
        return errors.size()
                + applications.stream().mapToInt(ApplicationResult::errorCount).sum()
                + resources.stream()
                        .mapToInt(resource -> resource.problems().size())
                        .sum();
    }

    /** Whether anything failed: the cycle, an Application, or an ImageUpdater resource. */
    public boolean hasErrors() {
        return !errors.isEmpty()
                || applications.stream().anyMatch(ApplicationResult::hasErrors)
                || resources.stream().anyMatch(ResourceResult::hasErrors);
    }

    /** The one-line summary logged at the end of each cycle. */
    public String summary() {
        return String.format(
                "cycle finished: applications=%d images=%d updated=%d skipped=%d errors=%d imageupdaters=%d duration=%dms",
                applications.size(),
                images(),
                updated(),
                skipped(),
                errorCount(),
                resources.size(),
                duration.toMillis());
    }
}
