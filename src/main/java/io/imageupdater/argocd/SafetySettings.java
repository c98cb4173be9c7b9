package io.imageupdater.argocd;

import io.imageupdater.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The safety settings of one image, as written; the updater compiles the windows (an invalid one fails the image only).
 *
 * @param updateWindows   maintenance windows in the annotation form ({@code schedule|duration|timeZone}); empty means
 *                        updates may be written at any time
 * @param requireApproval whether an update waits for the {@code approve} annotation
 * @param rollbackWindow  how long to watch the Application after writing an update, rolling back when it turns
 *                        Degraded; {@code null} when health-gated rollback is off
 * @param allowDowngrade  whether an update may write an older version than the one running
 * @param problems        settings that could not be read (naming them); the image is not updated while there are any
 */
public record SafetySettings(
        List<String> updateWindows,
        boolean requireApproval,
        Duration rollbackWindow,
        boolean allowDowngrade,
        List<String> problems) {
    public static final SafetySettings NONE = new SafetySettings(List.of(), false, null, false, List.of());

    public SafetySettings {
        updateWindows = updateWindows == null ? List.of() : List.copyOf(updateWindows);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The watch window when none is given ({@code rollback-on-degraded: true}, {@code onDegraded} without window). */
    public static final Duration DEFAULT_ROLLBACK_WINDOW = Duration.ofMinutes(10);

    /**
     * Reads a rollback setting: a duration ({@code 10m}) turns it on for that long, {@code true} for
     * {@link #DEFAULT_ROLLBACK_WINDOW}, blank, {@code false} or {@code 0} leave it off. Anything else is a problem
     * (added to {@code problems}, naming {@code where}) and leaves it off.
     */
    public static Duration rollbackWindow(String value, String where, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("false") || text.equals("0")) {
            return null;
        }
        if (text.equals("true")) {
            return DEFAULT_ROLLBACK_WINDOW;
        }
        try {
            Duration window = GoDuration.parse(text);
            return window.isZero() || window.isNegative() ? null : window;
        } catch (IllegalArgumentException e) {
            problems.add(where + " \"" + value + "\" is not a duration such as 10m, true or false");
            return null;
        }
    }
}
