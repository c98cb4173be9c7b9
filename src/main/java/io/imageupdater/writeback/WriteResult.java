package io.imageupdater.writeback;

import java.util.List;

/**
 * What a write-back did.
 *
 * @param applied        changes written (or, in a dry run, that would have been written)
 * @param alreadyCurrent changes skipped because the target already names the new image
 * @param dropped        changes not written because the value they replace changed since it was read (a Git
 *                       branch that moved meanwhile); they are decided again next cycle
 * @param error          why the write-back failed, or {@code null}
 * @param refused        whether it failed because writing was no longer allowed (see {@link WriteGuard})
 * @param pullRequest    the web URL of the pull request the changes were proposed in, or {@code null}
 */
public record WriteResult(
        List<PlannedChange> applied,
        List<PlannedChange> alreadyCurrent,
        List<PlannedChange> dropped,
        String error,
        boolean refused,
        String pullRequest) {
    public WriteResult {
        applied = List.copyOf(applied);
        alreadyCurrent = List.copyOf(alreadyCurrent);
        dropped = List.copyOf(dropped);
    }

    public WriteResult(
            List<PlannedChange> applied,
            List<PlannedChange> alreadyCurrent,
            List<PlannedChange> dropped,
            String error,
            boolean refused) {
        this(applied, alreadyCurrent, dropped, error, refused, null);
    }

    /** This result, naming the pull request its changes were proposed in. */
    public WriteResult proposedIn(String url) {
        return new WriteResult(applied, alreadyCurrent, dropped, error, refused, url);
    }

    public WriteResult(List<PlannedChange> applied, List<PlannedChange> alreadyCurrent, String error) {
        this(applied, alreadyCurrent, List.of(), error, false);
    }

    public WriteResult(
            List<PlannedChange> applied,
            List<PlannedChange> alreadyCurrent,
            List<PlannedChange> dropped,
            String error) {
        this(applied, alreadyCurrent, dropped, error, false);
    }

    public static WriteResult failed(String error) {
        return new WriteResult(List.of(), List.of(), List.of(), error, false);
    }

    /** Nothing was written because the guard refused: {@code reason} says why. */
    public static WriteResult refused(String reason) {
        return new WriteResult(List.of(), List.of(), List.of(), reason, true);
    }

    public boolean failed() {
        return error != null;
    }
}
