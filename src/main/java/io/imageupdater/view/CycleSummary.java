package io.imageupdater.view;

import io.imageupdater.updater.CycleResult;
import io.imageupdater.updater.DecisionState;
import io.imageupdater.updater.ImageRow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The last cycle as {@code GET /api/v1/cycles/last} returns it; see the README's table for each field.
 *
 * @param states images per decision state, every state present (0 when none)
 */
@RegisterForReflection
public record CycleSummary(
        String startedAt,
        String finishedAt,
        double durationSeconds,
        boolean dryRun,
        int applications,
        int images,
        long updated,
        long skipped,
        int errors,
        Map<String, Long> states,
        List<String> cycleErrors,
        String nextCycleAt) {

    static CycleSummary of(CycleResult result, Instant completed, Instant next, UnaryOperator<String> redact) {
        Instant finished = result.started() != null ? result.started().plus(result.duration()) : completed;
        Map<String, Long> states = new LinkedHashMap<>();
        for (DecisionState state : DecisionState.values()) {
            states.put(state.id(), 0L);
        }
        for (ImageRow row : result.rows()) {
            states.merge(row.state().id(), 1L, Long::sum);
        }
        return new CycleSummary(
                text(result.started()),
                text(finished),
                result.duration().toMillis() / 1000.0,
                result.dryRun(),
                result.applications().size(),
                result.images(),
                result.updated(),
                result.skipped(),
                result.errorCount(),
                states,
                result.errors().stream().map(redact).toList(),
                text(next));
    }

    /** An instant as ISO-8601 UTC with at most millisecond precision, or {@code null}. */
    static String text(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Duration for people: {@code 840 ms}, {@code 3.2 s}. */
    public String durationText() {
        return durationSeconds < 1
                ? Math.round(durationSeconds * 1000) + " ms"
                : String.format("%.1f s", durationSeconds);
    }
}
