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
        List<RejectedCandidate> rejectedCandidates,
        List<TagSighting> tagsFirstSeen) {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String ERROR = "Error";

    public ImageUpdaterStatus {
        recentUpdates = recentUpdates == null ? List.of() : List.copyOf(recentUpdates);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        rejectedCandidates = rejectedCandidates == null ? List.of() : List.copyOf(rejectedCandidates);
        tagsFirstSeen = tagsFirstSeen == null ? List.of() : List.copyOf(tagsFirstSeen);
    }

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
}
