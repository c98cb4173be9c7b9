package io.imageupdater.updater;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.gate.Approvals;
import io.imageupdater.gate.BlockedVersions;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.updater.ApplicationPlan.PlannedImage;
import io.imageupdater.updater.SafetyState.ImageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pure: what one Application's finished cycle changes in its safety state. The updater's record per image (a write,
 * with its rollback watch; a pin first seen; an update first pending); approvals used by a write and {@code resume}
 * entries read, to remove; versions rolled back on an annotation-managed Application, to block; and the Events and log
 * lines that say so once.
 *
 * @param state     the record to keep
 * @param approved  the approvals a write used
 * @param resumed   the aliases a {@code resume} entry lifted
 * @param blocked   versions to add to the {@code blocked-versions} annotation
 * @param notices   Events to raise
 * @param logs      INFO lines to log (once per change)
 * @param unchanged whether the state is the one read
 */
record SafetyChanges(
        SafetyState state,
        List<ImageChange> approved,
        Set<String> resumed,
        List<BlockedVersions.Entry> blocked,
        List<Notice> notices,
        List<String> logs,
        boolean unchanged) {

    /** An Event: {@code rollback} for the {@code ImageRolledBack} Warning, else the {@code UpdatePending} one. */
    record Notice(boolean rollback, String reason, String message) {}

    static SafetyChanges of(PlannedApplication item) {
        SafetyContext context = item.decision().safety();
        ApplicationPlan plan = item.plan();
        ArgoApplication app = plan.application();
        Instant now = context.now();
        Map<String, ImageSpec> specs = new HashMap<>();
        plan.images().stream().map(PlannedImage::spec).forEach(spec -> specs.putIfAbsent(spec.alias(), spec));
        SafetyState state = context.state();
        List<ImageChange> approved = new ArrayList<>();
        Set<String> resumed = new LinkedHashSet<>();
        List<BlockedVersions.Entry> blocked = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (String alias : context.resume()) {
            if (specs.containsKey(alias)) {
                resumed.add(alias);
                ImageRecord record = state.get(alias);
                state = state.with(alias, record == null ? null : record.resumed());
                logs.add("application " + app.ref() + ", image " + alias + ": resumed; its pin is lifted");
            }
        }
        for (ImageOutcome outcome : item.result().images()) {
            ImageSpec spec = specs.get(outcome.alias());
            if (spec == null) {
                continue;
            }
            ImageRecord record = state.get(outcome.alias());
            ImageRecord next = next(app, plan.writeBack(), spec, outcome, record, context, approved, notices, logs);
            if (outcome.kind() == ImageOutcome.Kind.ROLLED_BACK && !context.managed()) {
                ImageRef bad = outcome.change().from();
                blocked.add(new BlockedVersions.Entry(outcome.alias(), null, bad.tag(), bad.digest()));
            }
            if (!Objects.equals(record, next)) {
                state = state.with(outcome.alias(), next);
            }
        }
        boolean unchanged = Objects.equals(state.images(), context.state().images());
        return new SafetyChanges(state, approved, resumed, blocked, notices, logs, unchanged);
    }

    private static ImageRecord next(
            ArgoApplication app,
            WriteBackConfig writeBack,
            ImageSpec spec,
            ImageOutcome outcome,
            ImageRecord record,
            SafetyContext context,
            List<ImageChange> approved,
            List<Notice> notices,
            List<String> logs) {
        Instant now = context.now();
        boolean namedRightAway = writeBack != null && writeBack.method() != WriteBackMethod.GIT;
        String where = "application " + app.ref() + ", image " + spec.alias();
        switch (outcome.kind()) {
            case UPDATE -> {
                ImageChange change = outcome.change();
                if (context.approvals().approves(spec.alias(), change.to())) {
                    approved.add(change);
                }
                Instant watch = spec.safety().rollbackWindow() == null
                        ? null
                        : now.plus(spec.safety().rollbackWindow());
                if (!namedRightAway && watch == null) {
                    // git write-back leaves the Application alone: the version lives in Git, not in its spec, so
                    // there is nothing to recognise a manual rollback by, and no watch to keep.
                    return null;
                }
                return ImageRecord.written(
                        ImageChange.version(change.to()),
                        ImageChange.version(change.from()),
                        now,
                        watch,
                        namedRightAway);
            }
            case ROLLED_BACK -> {
                ImageChange change = outcome.change();
                notices.add(new Notice(
                        true,
                        SafetyRecorder.ROLLED_BACK,
                        "Rolled back " + spec.alias() + " " + ImageChange.version(change.from()) + " -> "
                                + ImageChange.version(change.to()) + ": " + outcome.message() + "; "
                                + ImageChange.version(change.from()) + " is blocked"));
                return ImageRecord.written(
                        ImageChange.version(change.to()),
                        ImageChange.version(change.from()),
                        now,
                        null,
                        namedRightAway);
            }
            case PINNED -> {
                ImageRecord base = record == null ? ImageRecord.NONE : record;
                if (base.pinnedAt() != null) {
                    return record;
                }
                logs.add(where + ": pin set: " + outcome.message());
                return base.pinned(now);
            }
            case PENDING -> {
                String version = ImageChange.version(outcome.change().to());
                ImageRecord base = record == null ? ImageRecord.NONE : record;
                if (version.equals(base.pending())) {
                    return seen(base, spec, app, writeBack, now);
                }
                notices.add(new Notice(false, SafetyRecorder.PENDING, outcome.message()));
                logs.add(where + ": " + outcome.message());
                return seen(base.pending(version, now), spec, app, writeBack, now);
            }
            default -> {
                if (record == null) {
                    return null;
                }
                return seen(record.withoutPending(), spec, app, writeBack, now);
            }
        }
    }

    /** The record with {@code seenLive} set once the Application names the version written. */
    private static ImageRecord seen(
            ImageRecord record, ImageSpec spec, ArgoApplication app, WriteBackConfig writeBack, Instant now) {
        if (record.written() == null || record.seenLive() != null) {
            return record;
        }
        String running = ImageSafety.running(spec, app, writeBack).orElse(null);
        return record.written().equals(running) ? record.seen(now) : record;
    }

    boolean isEmpty() {
        return unchanged && approved.isEmpty() && resumed.isEmpty() && blocked.isEmpty();
    }

    /**
     * The values of the safety annotations to write over {@code annotations} (the Application as read just now):
     * {@code null} removes one.
     */
    Map<String, String> apply(Map<String, String> annotations) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (!unchanged) {
            wanted.put(Annotations.SAFETY_STATE, state.json());
        }
        if (!approved.isEmpty()) {
            Approvals approvals = Approvals.parse(annotations.get(Annotations.APPROVE));
            for (ImageChange change : approved) {
                approvals = approvals.without(change.alias(), change.to());
            }
            wanted.put(Annotations.APPROVE, approvals.isEmpty() ? null : approvals.toString());
        }
        if (!resumed.isEmpty()) {
            List<String> left = SafetyContext.aliases(annotations.get(Annotations.RESUME)).stream()
                    .filter(alias -> !resumed.contains(alias))
                    .sorted()
                    .toList();
            wanted.put(Annotations.RESUME, left.isEmpty() ? null : String.join(",", left));
        }
        if (!blocked.isEmpty()) {
            BlockedVersions versions = BlockedVersions.parse(annotations.get(Annotations.BLOCKED_VERSIONS));
            for (BlockedVersions.Entry entry : blocked) {
                versions = versions.with(entry);
            }
            wanted.put(Annotations.BLOCKED_VERSIONS, versions.toString());
        }
        return wanted;
    }
}
