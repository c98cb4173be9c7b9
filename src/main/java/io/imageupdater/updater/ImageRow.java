package io.imageupdater.updater;

import java.time.Instant;
import java.util.Objects;

/**
 * One (Application, image) of the last cycle, as the status page and {@code GET /api/v1/images} show it. Holds no
 * credential: write-back credentials are left out, URLs lose their user info and query string.
 *
 * @param namespace       the Application's namespace
 * @param application     the Application's name
 * @param alias           the image's alias (or name); empty for a row of an Application whose settings failed
 * @param image           the image as configured ({@code registry/name}), empty when unknown
 * @param strategy        the update strategy ({@code semver}, {@code newest-build}, …), empty when unknown
 * @param constraint      the constraint as written, or {@code null}
 * @param running         the version the Application runs ({@code tag} or {@code tag@digest}), or {@code null}
 * @param newest          the newest eligible version, or {@code null} when none is known
 * @param state           the decision
 * @param reason          the decision in words ({@code updated 1.4.2 → 1.4.3 at …}, {@code 12 tags …})
 * @param decidedAt       when the cycle that decided it finished
 * @param writeBackMethod {@code argocd} or {@code git}, or {@code null} when unknown
 * @param writeBackTarget where changes go: {@code Application} for argocd, else repository, branch and file
 * @param owner           the ImageUpdater resource ({@code namespace/name}) that handles the Application, or
 *                        {@code null} when it is handled from its annotations
 */
public record ImageRow(
        String namespace,
        String application,
        String alias,
        String image,
        String strategy,
        String constraint,
        String running,
        String newest,
        DecisionState state,
        String reason,
        Instant decidedAt,
        String writeBackMethod,
        String writeBackTarget,
        String owner) {

    public ImageRow {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(state, "state");
        alias = alias == null ? "" : alias;
        image = image == null ? "" : image;
        strategy = strategy == null ? "" : strategy;
        reason = reason == null ? "" : reason;
    }

    /** {@code namespace/name} of the Application. */
    public String applicationRef() {
        return namespace + "/" + application;
    }
}
