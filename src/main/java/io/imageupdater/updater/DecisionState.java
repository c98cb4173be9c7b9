package io.imageupdater.updater;

/**
 * What was decided for one image, as the status page and the JSON API show it. Each state has a stable name for
 * scripts ({@link #id()}) and words for people ({@link #words()}); the details are in the outcome's message.
 */
public enum DecisionState {
    /** The Application runs (or names) the newest eligible version. */
    UP_TO_DATE("up-to-date", "up to date"),
    /** A newer version was written back this cycle. */
    UPDATED("updated", "updated"),
    /** A newer version would have been written back ({@code --dry-run}). */
    WOULD_UPDATE("would-update", "would update"),
    /** No tag passed the filters and the constraint. */
    NO_ELIGIBLE_TAG("no-eligible-tag", "no eligible tag"),
    /** The image does not run in the Application and force-update is off. */
    NOT_RUNNING("not-running", "not running"),
    /** A newer version waits for an approval. */
    PENDING_APPROVAL("pending-approval", "pending approval"),
    /** A newer version waits for the next update window. */
    OUTSIDE_UPDATE_WINDOW("outside-update-window", "outside update window"),
    /** The image is pinned (after a manual rollback, or by the operator). */
    PINNED("pinned", "pinned"),
    /** The version written earlier was rolled back. */
    ROLLED_BACK("rolled-back", "rolled back"),
    /** The newest version is blocked (failed before, or listed as blocked). */
    BLOCKED("blocked", "blocked"),
    /** The image or its Application could not be processed. */
    ERROR("error", "error");

    private final String id;
    private final String words;

    DecisionState(String id, String words) {
        this.id = id;
        this.words = words;
    }

    /** The stable name in the JSON API and the page's state filter ({@code no-eligible-tag}). */
    public String id() {
        return id;
    }

    /** How the page says it ({@code no eligible tag}). */
    public String words() {
        return words;
    }

    /** The state an outcome kind stands for, when nothing more specific was recorded. */
    static DecisionState of(ImageOutcome.Kind kind, boolean dryRun) {
        return switch (kind) {
            case UPDATE -> dryRun ? WOULD_UPDATE : UPDATED;
            case CURRENT -> UP_TO_DATE;
            case NOT_LIVE -> NOT_RUNNING;
            case NO_CANDIDATE -> NO_ELIGIBLE_TAG;
            case ERROR -> ERROR;
            case PENDING -> PENDING_APPROVAL;
            case PINNED -> PINNED;
            case ROLLED_BACK -> ROLLED_BACK;
        };
    }
}
