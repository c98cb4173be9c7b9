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
        List<Condition> conditions) {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String ERROR = "Error";

    public ImageUpdaterStatus {
        recentUpdates = recentUpdates == null ? List.of() : List.copyOf(recentUpdates);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

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
