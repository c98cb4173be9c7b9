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
 */
public record ImageOutcome(String alias, Kind kind, ImageChange change, String message, FailureReason reason) {

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
        ERROR
    }

    public ImageOutcome {
        if (kind == Kind.ERROR && reason == null) {
            reason = FailureReason.IMAGE_ERROR;
        } else if (kind != Kind.ERROR) {
            reason = null;
        }
    }

    public static ImageOutcome update(ImageChange change) {
        return new ImageOutcome(change.alias(), Kind.UPDATE, change, change.toString(), null);
    }

    /** What an update message says after the change went into a pull request. */
    static final String VIA_PULL_REQUEST = " via pull request ";

    /** An update proposed in the pull request at {@code url}: the message names it. */
    public static ImageOutcome proposed(ImageChange change, String url) {
        return new ImageOutcome(change.alias(), Kind.UPDATE, change, change + VIA_PULL_REQUEST + url, null);
    }

    /** The pull request an update went into, if its message names one. */
    java.util.Optional<String> pullRequest() {
        int at = message == null ? -1 : message.indexOf(VIA_PULL_REQUEST);
        return at < 0
                ? java.util.Optional.empty()
                : java.util.Optional.of(message.substring(at + VIA_PULL_REQUEST.length()));
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
