package io.imageupdater.updater;

import io.imageupdater.image.ImageChange;
import java.util.List;

/**
 * What the cycle decided for one image of one Application.
 *
 * @param alias   the image's alias (or name)
 * @param kind    the decision
 * @param change  the change to write, for {@link Kind#UPDATE}; else {@code null}
 * @param message why, in words an operator understands
 * @param reason  for {@link Kind#ERROR}, why as a value; else {@code null}
 * @param rejected newer candidates that were not eligible (signature verification), newest first
 */
public record ImageOutcome(
        String alias,
        Kind kind,
        ImageChange change,
        String message,
        FailureReason reason,
        List<RejectedCandidate> rejected) {

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
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        if (kind == Kind.ERROR && reason == null) {
            reason = FailureReason.IMAGE_ERROR;
        } else if (kind != Kind.ERROR) {
            reason = null;
        }
    }

    public ImageOutcome(String alias, Kind kind, ImageChange change, String message, FailureReason reason) {
        this(alias, kind, change, message, reason, List.of());
    }

    /** This outcome with the candidates rejected on the way to it, named in its message too. */
    public ImageOutcome withRejected(List<RejectedCandidate> candidates) {
        if (candidates.isEmpty()) {
            return this;
        }
        String named = candidates.stream()
                .map(c -> c.tag() + " (" + c.reason() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        return new ImageOutcome(
                alias, kind, change, message + "; rejected newer candidates: " + named, reason, candidates);
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
