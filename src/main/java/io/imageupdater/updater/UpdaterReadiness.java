package io.imageupdater.updater;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the Kubernetes API answered and the first cycle finished. */
@Readiness
@ApplicationScoped
public class UpdaterReadiness implements HealthCheck {
    private final CycleStatus status;

    public UpdaterReadiness(CycleStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("update-cycle")
                .status(status.isApiReachable() && status.hasFinishedCycle())
                .withData("kubernetesApiReachable", status.isApiReachable())
                .withData("firstCycleFinished", status.hasFinishedCycle())
                .build();
    }
}
