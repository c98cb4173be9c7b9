package io.imageupdater.updater;

import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.registry.Registries;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The application's own cycle parts, put together around a test's own {@link Registries} and clock. */
@Singleton
final class CycleParts {
    private final InventoryReader inventory;
    private final ApplicationUpdater updater;
    private final WriteBacks writeBacks;
    private final ResourceReports reports;

    @Inject
    CycleParts(InventoryReader inventory, ApplicationUpdater updater, WriteBacks writeBacks, ResourceReports reports) {
        this.inventory = inventory;
        this.updater = updater;
        this.writeBacks = writeBacks;
        this.reports = reports;
    }

    UpdateCycle cycle(Registries registries, Clock clock) {
        return cycle(registries, clock, updater);
    }

    /** With another per-Application pipeline (one that misbehaves, say). */
    UpdateCycle cycle(Registries registries, Clock clock, ApplicationUpdater planner) {
        return new UpdateCycle(inventory, registries, planner, writeBacks, reports, clock);
    }

    /** As {@link #cycle(Registries, Clock)}, with other credential sources allowed to Applications. */
    UpdateCycle cycle(Registries registries, Clock clock, ApplicationCredentialSources sources) {
        return new UpdateCycle(inventory, registries, new ApplicationUpdater(sources), writeBacks, reports, clock);
    }
}
