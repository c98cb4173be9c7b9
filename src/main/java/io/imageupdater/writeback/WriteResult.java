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
 */
public record WriteResult(
        List<PlannedChange> applied, List<PlannedChange> alreadyCurrent, List<PlannedChange> dropped, String error) {
    public WriteResult {
        applied = List.copyOf(applied);
        alreadyCurrent = List.copyOf(alreadyCurrent);
        dropped = List.copyOf(dropped);
    }

    public WriteResult(List<PlannedChange> applied, List<PlannedChange> alreadyCurrent, String error) {
        this(applied, alreadyCurrent, List.of(), error);
    }

    public static WriteResult failed(String error) {
        return new WriteResult(List.of(), List.of(), error);
    }

    public boolean failed() {
        return error != null;
    }
}
