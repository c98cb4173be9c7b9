package io.imageupdater.updater;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.gate.InvalidUpdateWindowException;
import io.imageupdater.gate.ManualRollback;
import io.imageupdater.gate.UpdateWindows;
import io.imageupdater.gate.VersionOrder;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.updater.ImageOutcome.Hold;
import io.imageupdater.updater.SafetyState.ImageRecord;
import io.imageupdater.writeback.argocd.WrittenImages;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pure: the safety gates around the decision for one image, in order. Before choosing: settings that cannot be read
 * fail the image; a write that turned the Application Degraded is rolled back; blocked versions are left out. After
 * choosing: a manual rollback pins the image, no downgrade, inside an update window, approved.
 */
final class ImageSafety {

    private ImageSafety() {}

    /** An outcome decided before looking at tags: bad safety settings, or a rollback that is due. */
    static Optional<ImageOutcome> before(ImageSpec spec, ArgoApplication app, SafetyContext context) {
        if (!spec.safety().problems().isEmpty()) {
            return Optional.of(ImageOutcome.error(
                    spec.alias(),
                    FailureReason.INVALID_SPEC,
                    String.join("; ", spec.safety().problems())));
        }
        try {
            UpdateWindows.parse(spec.safety().updateWindows());
        } catch (InvalidUpdateWindowException e) {
            return Optional.of(ImageOutcome.error(
                    spec.alias(),
                    FailureReason.INVALID_SPEC,
                    "image " + spec.entry().image() + ": " + e.getMessage()));
        }
        return rollback(spec, app, context);
    }

    /** The tags the strategy may choose from: blocked versions left out. */
    static List<Tag> unblocked(ImageSpec spec, List<Tag> tags, SafetyContext context) {
        return context.blocked().unblocked(spec.alias(), spec.entry().image().nameWithRegistry(), tags);
    }

    /** The decided outcome after the gates that hold a chosen update back. */
    static ImageOutcome after(
            ImageSpec spec,
            ArgoApplication app,
            WriteBackConfig writeBack,
            ImageOutcome outcome,
            List<Tag> tags,
            SafetyContext context) {
        if (outcome.kind() != ImageOutcome.Kind.UPDATE) {
            return outcome;
        }
        ImageChange change = outcome.change();
        Tag candidate = known(tags, change.to().tag());
        Optional<ImageOutcome> pinned = pinned(spec, app, writeBack, change, candidate, tags, context);
        if (pinned.isPresent()) {
            return pinned.get();
        }
        if (change.from().tag() != null
                && VersionOrder.downgrade(
                        spec.strategy(),
                        candidate,
                        known(tags, change.from().tag()),
                        spec.safety().allowDowngrade())) {
            return ImageOutcome.of(
                    spec.alias(),
                    ImageOutcome.Kind.CURRENT,
                    "not downgrading " + spec.entry().image().nameWithRegistry() + " from "
                            + ImageChange.version(change.from()) + " to " + ImageChange.version(change.to())
                            + " (allowDowngrade is off)");
        }
        UpdateWindows.Verdict window =
                UpdateWindows.parse(spec.safety().updateWindows()).check(context.now());
        if (!window.allowed()) {
            return ImageOutcome.held(
                    ImageOutcome.Kind.PENDING,
                    change,
                    "update " + change + " is pending outside the update windows; "
                            + window.nextWindow()
                                    .map(next -> "the next opens at " + next)
                                    .orElse("no window opens again"),
                    new Hold(Hold.UPDATE_WINDOW, window.nextWindow().orElse(null), null, since(spec, change, context)));
        }
        if (spec.safety().requireApproval() && !context.approvals().approves(spec.alias(), change.to())) {
            return ImageOutcome.held(
                    ImageOutcome.Kind.PENDING,
                    change,
                    "update " + change + " is pending approval: annotate the Application with "
                            + "argocd-image-updater.argoproj.io/approve=" + spec.alias() + "="
                            + ImageChange.version(change.to()),
                    new Hold(Hold.APPROVAL, null, null, since(spec, change, context)));
        }
        return outcome;
    }

    /** When the update was first held back: kept in the Application's record while the same version waits. */
    private static Instant since(ImageSpec spec, ImageChange change, SafetyContext context) {
        ImageRecord record = context.state().get(spec.alias());
        if (record != null
                && ImageChange.version(change.to()).equals(record.pending())
                && record.pendingSince() != null) {
            return record.pendingSince();
        }
        return context.now();
    }

    /** The version the Application names now: its spec for {@code argocd} write-back, else its live image. */
    static Optional<String> running(ImageSpec spec, ArgoApplication app, WriteBackConfig writeBack) {
        if (writeBack != null && writeBack.method() != WriteBackMethod.GIT) {
            Optional<String> named = WrittenImages.named(app, spec);
            if (named.isPresent()) {
                return named;
            }
        }
        return app.liveImage(spec.entry().image()).map(ImageChange::version);
    }

    private static Optional<ImageOutcome> pinned(
            ImageSpec spec,
            ArgoApplication app,
            WriteBackConfig writeBack,
            ImageChange change,
            Tag candidate,
            List<Tag> tags,
            SafetyContext context) {
        ImageRecord record = context.state().get(spec.alias());
        if (record == null
                || record.written() == null
                || record.seenLive() == null
                || context.resume().contains(spec.alias())) {
            return Optional.empty();
        }
        String running = running(spec, app, writeBack).orElse(null);
        if (running == null) {
            return Optional.empty();
        }
        ManualRollback rollback = new ManualRollback(
                spec.strategy(),
                known(tags, tag(record.written()).name()),
                known(tags, tag(running).name()));
        if (!rollback.happened() || rollback.liftedBy(candidate)) {
            return Optional.empty();
        }
        return Optional.of(ImageOutcome.held(
                ImageOutcome.Kind.PINNED,
                change,
                "pinned at " + running + " after a manual rollback from " + record.written()
                        + "; waiting for a version newer than " + record.written()
                        + " or argocd-image-updater.argoproj.io/resume=" + spec.alias(),
                new Hold(
                        Hold.NEWER_VERSION,
                        null,
                        record.written(),
                        record.pinnedAt() == null ? context.now() : Instant.parse(record.pinnedAt()))));
    }

    /** A rollback of the last write, when it is watched and the Application turned Degraded (or its sync failed). */
    private static Optional<ImageOutcome> rollback(ImageSpec spec, ArgoApplication app, SafetyContext context) {
        ImageRecord record = context.state().get(spec.alias());
        if (record == null || !record.watched(context.now())) {
            return Optional.empty();
        }
        ImageRef image = spec.entry().image();
        Optional<ImageRef> live = app.liveImage(image);
        boolean runsWritten = live.map(ref -> ImageChange.version(ref).equals(record.written())
                        || (ref.tag() != null
                                && ref.tag().equals(tag(record.written()).name())))
                .orElse(false);
        SafetyContext.Health health = context.health();
        String why;
        if (health.degraded() && runsWritten) {
            why = "the Application turned Degraded after " + record.written() + " was written";
        } else if (health.syncFailedAfter(record.writtenAt())) {
            why = "the sync operation " + health.operationPhase().toLowerCase(Locale.ROOT) + " after "
                    + record.written() + " was written";
        } else {
            return Optional.empty();
        }
        if (record.from() == null || record.from().isBlank()) {
            return Optional.of(ImageOutcome.error(
                    spec.alias(),
                    FailureReason.IMAGE_ERROR,
                    why + ", but the version before it is unknown; not rolled back"));
        }
        ImageChange back =
                new ImageChange(spec.alias(), withVersion(image, record.written()), withVersion(image, record.from()));
        return Optional.of(ImageOutcome.rollback(back, why + "; rolling back to " + record.from(), context.now()));
    }

    /** The image at a version as written back ({@code tag}, {@code tag@digest} or {@code @digest}). */
    static ImageRef withVersion(ImageRef image, String version) {
        int at = version.indexOf('@');
        String tag = at < 0 ? version : version.substring(0, at);
        String digest = at < 0 ? null : version.substring(at + 1);
        return image.withTag(tag.isEmpty() ? null : tag).withDigest(digest);
    }

    private static Tag tag(String version) {
        int at = version.indexOf('@');
        return at < 0 ? Tag.of(version) : new Tag(version.substring(0, at), version.substring(at + 1), null);
    }

    private static Tag known(List<Tag> tags, String name) {
        if (name == null) {
            return null;
        }
        return tags.stream().filter(tag -> tag.name().equals(name)).findFirst().orElse(Tag.of(name));
    }
}
