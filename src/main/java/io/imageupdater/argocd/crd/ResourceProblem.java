package io.imageupdater.argocd.crd;

/**
 * Something wrong with an ImageUpdater resource itself, reported in its {@code Error} condition.
 *
 * @param reason  the condition reason ({@link #INVALID_SPEC}, {@link #UNKNOWN_STRATEGY}, {@link #CONFLICT})
 * @param message what is wrong, naming the field and value
 */
public record ResourceProblem(String reason, String message) {
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String UNKNOWN_STRATEGY = "UnknownUpdateStrategy";
    public static final String CONFLICT = "ConflictingImageUpdater";

    @Override
    public String toString() {
        return message;
    }
}
