package io.imageupdater.view;

import io.imageupdater.updater.DecisionState;
import io.imageupdater.updater.ImageRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One (Application, image) as {@code GET /api/v1/images} returns it and the page shows it; see the README's table
 * for each field. Strings are never {@code null} where the README says so; absent values are JSON {@code null}.
 */
@RegisterForReflection
public record ImageEntry(
        String namespace,
        String application,
        String alias,
        String image,
        String strategy,
        String constraint,
        String runningVersion,
        String newestVersion,
        String state,
        String decision,
        String reason,
        String decidedAt,
        String writeBackMethod,
        String writeBackTarget,
        String owner,
        String argocdUrl) {

    static final String ANNOTATIONS = "annotations";

    static ImageEntry of(ImageRow row, ArgoCdLinks links) {
        return new ImageEntry(
                row.namespace(),
                row.application(),
                row.alias(),
                row.image(),
                row.strategy(),
                row.constraint(),
                row.running(),
                row.newest(),
                row.state().id(),
                decision(row),
                row.reason(),
                CycleSummary.text(row.decidedAt()),
                row.writeBackMethod(),
                row.writeBackTarget(),
                row.owner() == null ? ANNOTATIONS : row.owner(),
                links.application(row.namespace(), row.application()).orElse(null));
    }

    /**
     * The decision in words: {@code up to date}, {@code updated 1.4.2 → 1.4.3 at …},
     * {@code no eligible tag: 12 tags …}, {@code pending approval: …}, {@code error: …}.
     */
    static String decision(ImageRow row) {
        DecisionState state = row.state();
        String reason = row.reason();
        if (state == DecisionState.UP_TO_DATE || reason.isBlank()) {
            return state.words();
        }
        if (reason.startsWith(state.words())) {
            return reason;
        }
        return state.words() + ": " + reason;
    }

    /** {@code namespace/name} of the Application. */
    public String applicationRef() {
        return namespace + "/" + application;
    }

    /** The text the page's filter box searches. */
    public String searchText() {
        return String.join(
                " ",
                applicationRef(),
                alias,
                image,
                strategy,
                constraint == null ? "" : constraint,
                runningVersion == null ? "" : runningVersion,
                newestVersion == null ? "" : newestVersion,
                decision,
                writeBackMethod == null ? "" : writeBackMethod,
                writeBackTarget == null ? "" : writeBackTarget,
                owner);
    }
}
