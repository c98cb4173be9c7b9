package io.imageupdater.writeback;

import io.imageupdater.argocd.ArgoApplication;
import java.util.List;

/**
 * Decides an Application's changes again from a fresh read of it, when a write found that it changed since the
 * decision. The changes returned never name a version older than the one the Application names now.
 */
@FunctionalInterface
public interface Redecision {
    /** Nothing is decided again: the same changes are written to the fresh copy. */
    static Redecision same(List<PlannedChange> changes) {
        return fresh -> changes;
    }

    List<PlannedChange> decideAgain(ArgoApplication fresh);
}
