package io.imageupdater.updater;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.gate.Approvals;
import io.imageupdater.gate.BlockedVersions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the safety gates of one Application need, read once from the cluster's state: the Application's annotations
 * (the updater's own record, approvals, resume, blocked versions of annotation-managed Applications), the owning
 * ImageUpdater's status (its blocked versions), the Application's health, and the cycle's "now".
 *
 * @param now       the cycle's time
 * @param state     the updater's record per image
 * @param approvals the {@code approve} annotation
 * @param resume    aliases the {@code resume} annotation names
 * @param blocked   versions never to choose again
 * @param health    the Application's health and last sync operation
 * @param managed   whether an ImageUpdater resource handles the Application (else its annotations do)
 */
record SafetyContext(
        Instant now,
        SafetyState state,
        Approvals approvals,
        Set<String> resume,
        BlockedVersions blocked,
        Health health,
        boolean managed) {

    SafetyContext {
        resume = Set.copyOf(resume);
    }

    /** @param owner the ImageUpdater resource handling the Application, or {@code null} */
    static SafetyContext of(ArgoApplication app, ImageUpdaterResource owner, Instant now) {
        Map<String, String> annotations = app.annotations();
        BlockedVersions blocked = owner == null
                ? BlockedVersions.parse(annotations.get(Annotations.BLOCKED_VERSIONS))
                : fromStatus(owner.status());
        return new SafetyContext(
                now,
                SafetyState.parse(annotations.get(Annotations.SAFETY_STATE)),
                Approvals.parse(annotations.get(Annotations.APPROVE)),
                aliases(annotations.get(Annotations.RESUME)),
                blocked,
                Health.of(app),
                owner != null);
    }

    static Set<String> aliases(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(alias -> !alias.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static BlockedVersions fromStatus(ImageUpdaterStatus status) {
        if (status == null) {
            return BlockedVersions.NONE;
        }
        List<BlockedVersions.Entry> entries = status.blockedVersions().stream()
                .filter(entry -> entry.alias() != null && entry.tag() != null)
                .map(entry -> new BlockedVersions.Entry(entry.alias(), entry.image(), entry.tag(), entry.digest()))
                .toList();
        return new BlockedVersions(entries);
    }

    /**
     * The Application's {@code status.health.status} and {@code status.operationState} (phase, when it finished).
     */
    record Health(String status, String operationPhase, Instant operationFinishedAt) {
        static final Health UNKNOWN = new Health(null, null, null);

        static Health of(ArgoApplication app) {
            if (app.listed() == null) {
                return UNKNOWN;
            }
            Object health = app.listed().get("status", "health", "status");
            Object phase = app.listed().get("status", "operationState", "phase");
            Object finished = app.listed().get("status", "operationState", "finishedAt");
            Instant finishedAt = null;
            try {
                finishedAt = finished == null ? null : Instant.parse(finished.toString());
            } catch (DateTimeParseException e) {
                finishedAt = null;
            }
            return new Health(
                    health == null ? null : health.toString(), phase == null ? null : phase.toString(), finishedAt);
        }

        boolean degraded() {
            return "Degraded".equals(status);
        }

        /** Whether a sync operation failed after {@code since}. */
        boolean syncFailedAfter(Instant since) {
            return ("Failed".equals(operationPhase) || "Error".equals(operationPhase))
                    && operationFinishedAt != null
                    && since != null
                    && !operationFinishedAt.isBefore(since);
        }
    }
}
