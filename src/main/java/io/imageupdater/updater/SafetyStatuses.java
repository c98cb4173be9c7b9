package io.imageupdater.updater;

import io.imageupdater.argocd.crd.ImageUpdaterStatus;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.BlockedVersion;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.PendingUpdate;
import io.imageupdater.argocd.crd.ImageUpdaterStatus.PinnedImage;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pure: the safety fields of an ImageUpdater's status after a cycle. Pending updates and pins are what this cycle
 * found (a pending update keeps the time it was first decided); blocked versions are the stored ones plus this cycle's
 * rollbacks, so an entry stays until someone removes it.
 */
final class SafetyStatuses {

    private SafetyStatuses() {}

    static List<PendingUpdate> pending(ImageUpdaterStatus previous, ResourceResult result, String at) {
        List<PendingUpdate> pending = new ArrayList<>();
        for (ApplicationResult app : result.applications()) {
            String application = application(result, app);
            for (ImageOutcome outcome : app.images()) {
                if (outcome.kind() != ImageOutcome.Kind.PENDING) {
                    continue;
                }
                ImageChange change = outcome.change();
                String from = ImageChange.version(change.from());
                String to = ImageChange.version(change.to());
                ImageOutcome.Hold hold = outcome.hold();
                String decidedAt = hold != null && hold.since() != null
                        ? hold.since().truncatedTo(ChronoUnit.SECONDS).toString()
                        : previous == null
                                ? at
                                : previous.pendingUpdates().stream()
                                        .filter(p -> Objects.equals(p.application(), application)
                                                && Objects.equals(p.alias(), outcome.alias())
                                                && Objects.equals(p.to(), to))
                                        .map(PendingUpdate::decidedAt)
                                        .filter(Objects::nonNull)
                                        .findFirst()
                                        .orElse(at);
                pending.add(new PendingUpdate(
                        application,
                        outcome.alias(),
                        change.to().nameWithRegistry(),
                        from,
                        to,
                        decidedAt,
                        hold == null ? null : hold.waitingFor(),
                        hold == null || hold.nextWindow() == null
                                ? null
                                : hold.nextWindow()
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString(),
                        outcome.message()));
            }
        }
        return pending;
    }

    static List<BlockedVersion> blocked(ImageUpdaterStatus previous, ResourceResult result, String at) {
        List<BlockedVersion> blocked = new ArrayList<>(previous == null ? List.of() : previous.blockedVersions());
        for (ApplicationResult app : result.applications()) {
            for (ImageOutcome outcome : app.images()) {
                if (outcome.kind() != ImageOutcome.Kind.ROLLED_BACK) {
                    continue;
                }
                ImageRef bad = outcome.change().from();
                boolean known = blocked.stream()
                        .anyMatch(entry -> Objects.equals(entry.alias(), outcome.alias())
                                && Objects.equals(entry.image(), bad.nameWithRegistry())
                                && Objects.equals(entry.tag(), bad.tag())
                                && Objects.equals(entry.digest(), bad.digest()));
                if (!known) {
                    blocked.add(new BlockedVersion(
                            outcome.alias(),
                            bad.nameWithRegistry(),
                            bad.tag(),
                            bad.digest(),
                            "application " + app.application() + ": " + outcome.message(),
                            outcome.hold() != null && outcome.hold().since() != null
                                    ? outcome.hold()
                                            .since()
                                            .truncatedTo(ChronoUnit.SECONDS)
                                            .toString()
                                    : at));
                }
            }
        }
        return blocked;
    }

    static List<PinnedImage> pinned(ResourceResult result) {
        List<PinnedImage> pinned = new ArrayList<>();
        for (ApplicationResult app : result.applications()) {
            for (ImageOutcome outcome : app.images()) {
                if (outcome.kind() == ImageOutcome.Kind.PINNED) {
                    pinned.add(new PinnedImage(
                            application(result, app),
                            outcome.alias(),
                            outcome.change().to().nameWithRegistry(),
                            ImageChange.version(outcome.change().from()),
                            outcome.hold() == null ? null : outcome.hold().rolledBackFrom(),
                            outcome.message()));
                }
            }
        }
        return pinned;
    }

    /** The Application's name, or {@code namespace/name} when it is outside the resource's namespace. */
    private static String application(ResourceResult result, ApplicationResult app) {
        String prefix = result.resource().namespace() + "/";
        return app.application().startsWith(prefix) ? app.application().substring(prefix.length()) : app.application();
    }
}
