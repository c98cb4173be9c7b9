package io.imageupdater.updater;

import io.imageupdater.image.ImageChange;

/**
 * What the cycle decided for one image of one Application.
 *
 * @param alias   the image's alias (or name)
 * @param kind    the decision
 * @param change  the change to write, for {@link Kind#UPDATE}; else {@code null}
 * @param message why, in words an operator understands
 * @param reason  for {@link Kind#ERROR}, why as a value; else {@code null}
 * @param state   the decision as the status page shows it; {@code null} means the one {@code kind} stands for
 * @param newest  the newest eligible version ({@code tag} or {@code tag@digest}), or {@code null} when none is known
 */
public record ImageOutcome(
        String alias,
        Kind kind,
        ImageChange change,
        String message,
        FailureReason reason,
        DecisionState state,
        String newest) {

    public enum Kind {
        /** A newer version was chosen and is to be written back. */
        UPDATE,
        /** The Application already runs (or names) the chosen version. */
        CURRENT,
        /** The image is not among the Application's live images and force-update is off. */
        NOT_LIVE,
        /** No tag passed the filters and the constraint. */
        NO_CANDIDATE,
        /** The image could not be processed (bad constraint, registry failure, …). */
        ERROR,
        /**
         * A newer version was held back by a gate (approval, update window, pin, rollback, blocked version); its
         * {@link ImageOutcome#state()} says which.
         */
        HELD
    }

    public ImageOutcome {
        if (kind == Kind.ERROR && reason == null) {
            reason = FailureReason.IMAGE_ERROR;
        } else if (kind != Kind.ERROR) {
            reason = null;
        }
        if (newest == null && change != null) {
            newest = ImageChange.version(change.to());
        }
    }

    public ImageOutcome(String alias, Kind kind, ImageChange change, String message, FailureReason reason) {
        this(alias, kind, change, message, reason, null, null);
    }

    /** The outcome with the newest eligible version recorded. */
    public ImageOutcome withNewest(String version) {
        return new ImageOutcome(alias, kind, change, message, reason, state, version);
    }

    /** A newer version ({@code newest}) that a gate held back, in the state it names, for the reason given. */
    public static ImageOutcome held(String alias, DecisionState state, String newest, String message) {
        return new ImageOutcome(alias, Kind.HELD, null, message, null, state, newest);
    }

    /** The state to show: the one recorded, else the one the kind stands for. */
    public DecisionState state(boolean dryRun) {
        return state != null ? state : DecisionState.of(kind, dryRun);
    }

    public static ImageOutcome update(ImageChange change) {
        return new ImageOutcome(change.alias(), Kind.UPDATE, change, change.toString(), null);
    }

    /** A decision other than an update or an error. */
    public static ImageOutcome of(String alias, Kind kind, String message) {
        return new ImageOutcome(alias, kind, null, message, null);
    }

    public static ImageOutcome error(String alias, FailureReason reason, String message) {
        return new ImageOutcome(alias, Kind.ERROR, null, message, reason);
    }

    public boolean isError() {
        return kind == Kind.ERROR;
    }
}
