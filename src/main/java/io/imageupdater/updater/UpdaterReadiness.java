package io.imageupdater.updater;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the Kubernetes API answered, the informers of {@code run} completed their first list, and, for the replica that runs cycles, the first cycle finished. A standby
 * (leader election) is ready as soon as the API answered: it is healthy and able to take over, and holding it unready
 * would only stall rolling updates, since no traffic but metrics scrapes reaches the updater.
 */
@Readiness
@ApplicationScoped
public class UpdaterReadiness implements HealthCheck {
    private final CycleStatus status;
    private final Leadership leadership;
    private final InventoryReader inventory;

    public UpdaterReadiness(CycleStatus status, Leadership leadership, InventoryReader inventory) {
        this.status = status;
        this.leadership = leadership;
        this.inventory = inventory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("update-cycle")
                .status(status.isApiReachable()
                        && inventory.synced()
                        && (status.hasFinishedCycle()
                                || status.isEventDriven()
                                || leadership.role() == Leadership.Role.STANDBY))
                .withData("role", leadership.role().name().toLowerCase(java.util.Locale.ROOT))
                .withData("kubernetesApiReachable", status.isApiReachable())
                .withData("firstCycleFinished", status.hasFinishedCycle())
                .withData("informersSynced", inventory.synced())
                .build();
    }
}
