package io.imageupdater.updater;

import io.imageupdater.image.ImageChange;
import java.time.Instant;
import java.util.List;

/**
 * What the cycle decided for one image of one Application.
 *
 * @param alias   the image's alias (or name)
 * @param kind    the decision
 * @param change  the change to write, for {@link Kind#UPDATE}; else {@code null}
 * @param message why, in words an operator understands
 * @param reason  for {@link Kind#ERROR}, why as a value; else {@code null}
 * @param hold    for {@link Kind#PENDING} and {@link Kind#PINNED}, what it waits for; else {@code null}
 * @param rejected newer candidates that were not eligible (signature verification), newest first
 * @param state   the decision as the status page shows it; {@code null} means the one {@code kind} stands for
 * @param newest  the newest eligible version ({@code tag} or {@code tag@digest}), or {@code null} when none is known
 */
public record ImageOutcome(
        String alias,
        Kind kind,
        ImageChange change,
        String message,
        FailureReason reason,
        Hold hold,
        List<RejectedCandidate> rejected,
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
        /** An update was decided but waits for an update window or an approval; {@code change} is what waits. */
        PENDING,
        /** Someone rolled the image back by hand; no update until a newer version or {@code resume}. */
        PINNED,
        /** The last update turned the Application Degraded; {@code change} writes the previous version back. */
        ROLLED_BACK
    }

    /**
     * Why a decided change is held back.
     *
     * @param waitingFor     {@code updateWindow}, {@code approval} or {@code newerVersion}
     * @param nextWindow     when the next update window opens, while waiting for one (else {@code null})
     * @param rolledBackFrom for a pin, the version rolled back from (else {@code null})
     * @param since          when the update was first held back (kept across cycles on the Application)
     */
    public record Hold(String waitingFor, Instant nextWindow, String rolledBackFrom, Instant since) {
        public static final String UPDATE_WINDOW = "updateWindow";
        public static final String APPROVAL = "approval";
        public static final String NEWER_VERSION = "newerVersion";
    }

    public ImageOutcome(String alias, Kind kind, ImageChange change, String message, FailureReason reason) {
        this(alias, kind, change, message, reason, null, List.of(), null, null);
    }

    public ImageOutcome(String alias, Kind kind, ImageChange change, String message, FailureReason reason, Hold hold) {
        this(alias, kind, change, message, reason, hold, List.of(), null, null);
    }

    public ImageOutcome {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        if (kind == Kind.ERROR && reason == null) {
            reason = FailureReason.IMAGE_ERROR;
        } else if (kind != Kind.ERROR) {
            reason = null;
        }
        if (newest == null && change != null) {
            newest = ImageChange.version(kind == Kind.ROLLED_BACK ? change.from() : change.to());
        }
    }

    /** The outcome with the newest eligible version recorded. */
    public ImageOutcome withNewest(String version) {
        return new ImageOutcome(alias, kind, change, message, reason, hold, rejected, state, version);
    }

    /** The state to show: the one recorded, else the one the kind (and what a held change waits for) stands for. */
    public DecisionState state(boolean dryRun) {
        if (state != null) {
            return state;
        }
        if (kind == Kind.PENDING && hold != null && Hold.UPDATE_WINDOW.equals(hold.waitingFor())) {
            return DecisionState.OUTSIDE_UPDATE_WINDOW;
        }
        return DecisionState.of(kind, dryRun);
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
                alias,
                kind,
                change,
                message + "; rejected newer candidates: " + named,
                reason,
                hold,
                candidates,
                state,
                newest);
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

    /** A decided change held back for {@code hold}. */
    public static ImageOutcome held(Kind kind, ImageChange change, String message, Hold hold) {
        return new ImageOutcome(change.alias(), kind, change, message, null, hold);
    }

    /** A rollback of the last update: {@code change} goes from the bad version back to the previous one. */
    public static ImageOutcome rollback(ImageChange change, String message, Instant at) {
        return new ImageOutcome(
                change.alias(), Kind.ROLLED_BACK, change, message, null, new Hold(null, null, null, at));
    }

    public boolean isError() {
        return kind == Kind.ERROR;
    }

    /** Whether the outcome is a change to write back (an update or a rollback). */
    public boolean writes() {
        return kind == Kind.UPDATE || kind == Kind.ROLLED_BACK;
    }

    /** This outcome with the change actually written (the same kind and message). */
    ImageOutcome withChange(ImageChange written) {
        return kind == Kind.UPDATE
                ? update(written)
                : new ImageOutcome(alias, kind, written, message, reason, hold, rejected, state, newest);
    }
}
