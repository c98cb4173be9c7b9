package io.imageupdater.gate;

import io.imageupdater.image.Tag;
import io.imageupdater.strategy.UpdateStrategy;

/**
 * Pure: respect for a rollback someone else made. When the Application no longer names the version the updater last
 * wrote, but an older one, the image is pinned: no update until a version newer than the one rolled back from
 * appears (or the pin is lifted by hand).
 *
 * @param strategy the image's strategy (its order decides "older" and "newer")
 * @param written  the version the updater last wrote (the one rolled back from)
 * @param running  the version the Application names now
 */
public record ManualRollback(UpdateStrategy strategy, Tag written, Tag running) {

    /** Whether the Application was rolled back by hand: it names an older version than the one last written. */
    public boolean happened() {
        return written != null
                && running != null
                && !written.name().equals(running.name())
                && VersionOrder.older(strategy, running, written);
    }

    /** Whether {@code candidate} may be written despite the pin: it is newer than the version rolled back from. */
    public boolean liftedBy(Tag candidate) {
        return VersionOrder.older(strategy, written, candidate);
    }
}
