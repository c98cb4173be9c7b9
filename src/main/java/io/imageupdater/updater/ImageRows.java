package io.imageupdater.updater;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.argocd.WriteBackMethod;
import io.imageupdater.argocd.crd.ImageUpdaterResource;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.updater.ApplicationPlan.PlannedImage;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The status page's read model of a cycle: one {@link ImageRow} per (Application, image), built from its results. */
final class ImageRows {
    private ImageRows() {}

    /** The rows of the finished Applications, in cycle order; an Application without images gets one row. */
    static List<ImageRow> of(List<PlannedApplication> finished, boolean dryRun, Instant decidedAt) {
        List<ImageRow> rows = new ArrayList<>();
        for (PlannedApplication item : finished) {
            rows.addAll(rows(item, dryRun, decidedAt));
        }
        return List.copyOf(rows);
    }

    private static List<ImageRow> rows(PlannedApplication item, boolean dryRun, Instant decidedAt) {
        ApplicationPlan plan = item.plan();
        ArgoApplication app = plan.application();
        ApplicationResult result = item.result();
        String owner = item.owner() == null ? null : ownerRef(item.owner());
        String method =
                plan.writeBack() == null ? null : plan.writeBack().method().value();
        String target = target(app, plan.writeBack());
        Map<String, ImageOutcome> outcomes = new HashMap<>();
        if (result != null) {
            result.images().forEach(outcome -> outcomes.putIfAbsent(outcome.alias(), outcome));
        }
        String appError = result == null
                ? null
                : String.join(
                        "; ",
                        result.errors().stream().map(ApplicationError::message).toList());
        List<ImageRow> rows = new ArrayList<>();
        for (PlannedImage image : plan.images()) {
            ImageSpec spec = image.spec();
            ImageOutcome outcome = outcomes.get(spec.alias());
            DecisionState state;
            String reason;
            String newest = null;
            if (outcome == null) {
                state = DecisionState.ERROR;
                reason = appError == null || appError.isBlank() ? "not decided" : appError;
            } else {
                state = outcome.state(dryRun);
                newest = outcome.newest();
                reason = reason(outcome, state, decidedAt);
            }
            rows.add(new ImageRow(
                    app.namespace(),
                    app.name(),
                    spec.alias(),
                    spec.entry().image().withoutVersion().toString(),
                    spec.strategy().value(),
                    spec.constraint(),
                    running(spec, app.liveImages()),
                    newest,
                    state,
                    redact(reason),
                    decidedAt,
                    method,
                    target,
                    owner));
        }
        if (rows.isEmpty() && appError != null && !appError.isBlank()) {
            rows.add(new ImageRow(
                    app.namespace(),
                    app.name(),
                    "",
                    "",
                    "",
                    null,
                    null,
                    null,
                    DecisionState.ERROR,
                    redact(appError),
                    decidedAt,
                    method,
                    target,
                    owner));
        }
        return rows;
    }

    private static String reason(ImageOutcome outcome, DecisionState state, Instant decidedAt) {
        ImageChange change = outcome.change();
        if (change != null && (state == DecisionState.UPDATED || state == DecisionState.WOULD_UPDATE)) {
            String move = ImageChange.version(change.from()) + " → " + ImageChange.version(change.to());
            return state == DecisionState.UPDATED
                    ? "updated " + move + " at " + decidedAt.truncatedTo(ChronoUnit.SECONDS)
                    : "would update " + move + " (dry run)";
        }
        return outcome.message() == null ? "" : outcome.message();
    }

    private static String running(ImageSpec spec, List<ImageRef> liveImages) {
        return liveImages.stream()
                .filter(spec.entry().image()::sameRepository)
                .findFirst()
                .map(ImageChange::version)
                .filter(version -> !version.isEmpty())
                .orElse(null);
    }

    private static String ownerRef(ImageUpdaterResource owner) {
        return owner.namespace() + "/" + owner.name();
    }

    /**
     * Where changes go: {@code Application} (argocd), or {@code repository branch file} (git). Never the
     * credentials reference; URLs lose user info and query.
     */
    static String target(ArgoApplication app, WriteBackConfig writeBack) {
        if (writeBack == null) {
            return null;
        }
        if (writeBack.method() != WriteBackMethod.GIT) {
            return "Application " + app.namespace() + "/" + app.name();
        }
        String repository = writeBack.gitRepository() != null
                ? writeBack.gitRepository()
                : app.source().map(source -> source.repoUrl()).orElse(null);
        StringBuilder target = new StringBuilder(repository == null ? "(source repository)" : safeUrl(repository));
        if (writeBack.gitBranch() != null && !writeBack.gitBranch().isBlank()) {
            target.append(" branch ").append(writeBack.gitBranch());
        }
        if (writeBack.target() != null && !writeBack.target().isBlank()) {
            target.append(" ").append(writeBack.target());
        }
        return redact(target.toString());
    }

    private static String safeUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                        .toString();
            }
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            // not a URL (scp-like git@host:repo): left to redact
        }
        return redact(url);
    }

    static String redact(String text) {
        return Redacted.text(text);
    }
}
