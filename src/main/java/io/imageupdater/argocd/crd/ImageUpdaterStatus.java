package io.imageupdater.argocd.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The {@code status} of an ImageUpdater resource. Times are RFC 3339 strings as the API server stores them.
 *
 * @param observedGeneration  the generation of the spec this status describes
 * @param lastCheckedAt       when the updater last looked at the selected Applications
 * @param lastUpdatedAt       when the updater last changed an image, or {@code null}
 * @param applicationsMatched how many Applications the resource handles
 * @param imagesManaged       how many (Application, image) pairs it handles
 * @param recentUpdates       the latest changes, newest first
 * @param conditions          Ready, Reconciling and Error
 * @param pendingUpdates      decided updates not written yet: waiting for an update window or an approval
 * @param blockedVersions     versions rolled back after they turned an Application Degraded; never chosen again
 *                            (removing an entry unblocks it)
 * @param pinnedImages        images pinned because someone rolled them back by hand
 * @param rejectedCandidates  newer candidates the last check did not take (signature verification), per image
 * @param tagsFirstSeen       when the updater first saw tags of images with a minimum age (kept across restarts)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageUpdaterStatus(
        Long observedGeneration,
        String lastCheckedAt,
        String lastUpdatedAt,
        Integer applicationsMatched,
        Integer imagesManaged,
        List<RecentUpdate> recentUpdates,
        List<Condition> conditions,
        List<PendingUpdate> pendingUpdates,
        List<BlockedVersion> blockedVersions,
        List<PinnedImage> pinnedImages,
        List<RejectedCandidate> rejectedCandidates,
        List<TagSighting> tagsFirstSeen) {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String ERROR = "Error";

    public ImageUpdaterStatus {
        recentUpdates = recentUpdates == null ? List.of() : List.copyOf(recentUpdates);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        pendingUpdates = pendingUpdates == null ? List.of() : List.copyOf(pendingUpdates);
        blockedVersions = blockedVersions == null ? List.of() : List.copyOf(blockedVersions);
        pinnedImages = pinnedImages == null ? List.of() : List.copyOf(pinnedImages);
        rejectedCandidates = rejectedCandidates == null ? List.of() : List.copyOf(rejectedCandidates);
        tagsFirstSeen = tagsFirstSeen == null ? List.of() : List.copyOf(tagsFirstSeen);
    }

    /** A status without safety and trust fields. */
    public ImageUpdaterStatus(
            Long observedGeneration,
            String lastCheckedAt,
            String lastUpdatedAt,
            Integer applicationsMatched,
            Integer imagesManaged,
            List<RecentUpdate> recentUpdates,
            List<Condition> conditions) {
        this(
                observedGeneration,
                lastCheckedAt,
                lastUpdatedAt,
                applicationsMatched,
                imagesManaged,
                recentUpdates,
                conditions,
                null,
                null,
                null,
                null,
                null);
    }

    /** A candidate that was not eligible: which image of which Application, which tag, and why. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RejectedCandidate(
            String application, String alias, String tag, String digest, String reason, String message) {}

    /** When the updater first saw a tag of an image ({@code registry/name}). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TagSighting(String image, String tag, String firstSeen) {}

    /** The condition of a type, or {@code null}. */
    public Condition condition(String type) {
        return conditions.stream()
                .filter(c -> type.equals(c.type()))
                .findFirst()
                .orElse(null);
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecentUpdate(
            String alias,
            String image,
            String newVersion,
            Integer applicationsUpdated,
            String updatedAt,
            String message) {}

    /** A standard Kubernetes condition ({@code status} is "True", "False" or "Unknown"). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(
            String type,
            String status,
            Long observedGeneration,
            String lastTransitionTime,
            String reason,
            String message) {

        /** Whether type, status, reason and message are the same (times aside). */
        public boolean sameAs(Condition other) {
            return other != null
                    && type.equals(other.type)
                    && status.equals(other.status)
                    && reason.equals(other.reason)
                    && message.equals(other.message);
        }
    }

    /**
     * A decided update that is not written yet.
     *
     * @param application the Application ({@code name}, or {@code namespace/name} outside the resource's namespace)
     * @param alias       the image's alias
     * @param image       the repository
     * @param from        the version running
     * @param to          the version decided
     * @param decidedAt   when it was first decided
     * @param waitingFor  {@code approval} or {@code updateWindow}
     * @param nextWindow  when the next update window opens, while waiting for one
     * @param message     what to do, in words
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PendingUpdate(
            String application,
            String alias,
            String image,
            String from,
            String to,
            String decidedAt,
            String waitingFor,
            String nextWindow,
            String message) {}

    /**
     * A version that was rolled back; never chosen again for this alias and image.
     *
     * @param alias  the image's alias
     * @param image  the repository
     * @param tag    the blocked tag
     * @param digest the digest it pointed to, if known
     * @param reason why it was rolled back
     * @param at     when
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BlockedVersion(String alias, String image, String tag, String digest, String reason, String at) {}

    /**
     * An image pinned after a manual rollback: not updated until a version newer than {@code rolledBackFrom} appears or
     * the {@code resume} annotation names it.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PinnedImage(
            String application, String alias, String image, String version, String rolledBackFrom, String message) {}
}
