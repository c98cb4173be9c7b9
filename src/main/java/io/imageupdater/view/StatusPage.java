package io.imageupdater.view;

import io.imageupdater.updater.DecisionState;
import io.imageupdater.updater.RegistryStats;
import java.util.List;

/**
 * What the status page shows.
 *
 * @param version    the updater's version
 * @param role       {@code leader}, {@code standby} or {@code sole}
 * @param lastCycle  the last cycle, or {@code null} before the first one completed
 * @param nextCycle  when the next cycle runs, or {@code null} when none is scheduled
 * @param webhook    the webhook receiver's status, or {@code null} when there is none or it is off
 * @param images     one entry per (Application, image)
 * @param registries activity per registry
 * @param namespaces the namespaces of the images, sorted, for the filter
 * @param states     every decision state, for the filter
 */
public record StatusPage(
        String version,
        String role,
        CycleSummary lastCycle,
        String nextCycle,
        String webhook,
        List<ImageEntry> images,
        List<RegistryStats> registries,
        List<String> namespaces,
        List<DecisionState> states) {

    public StatusPage {
        images = List.copyOf(images);
        registries = List.copyOf(registries);
        namespaces = List.copyOf(namespaces);
        states = List.copyOf(states);
    }
}
