package io.imageupdater.writeback.git;

import io.imageupdater.argocd.ApplicationSource;
import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.WriteBackConfig;
import io.imageupdater.writeback.PlannedChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which repository, revision and directory a Git write-back edits, as Argo CD renders the Application: the source
 * the images live in ({@code source-name}, else the default source; the {@code drySource} of a SourceHydrator
 * Application); for {@code helmvalues} of a Helm chart source that reads its values from a Git source
 * ({@code $<ref>/<file>} in {@code valueFiles}), that {@code ref} source's repository, where the file lives.
 *
 * @param source   the source the images live in, or {@code null} when the Application has none
 * @param repoUrl  the repository to edit, or {@code null}
 * @param revision its {@code targetRevision}, or {@code null}
 * @param path     the directory relative targets start from, or {@code null} for the repository root
 * @param target   the target, with a {@code $<ref>/} file rewritten to the root of the ref source's repository
 */
public record WriteSource(
        ApplicationSource source, String repoUrl, String revision, String path, WriteBackTarget target) {

    public WriteSource {
        Objects.requireNonNull(target, "target");
    }

    /** Where the changes of one Application go. */
    public static WriteSource of(ArgoApplication app, WriteBackConfig config, List<PlannedChange> changes) {
        String sourceName = changes.stream()
                .map(change -> change.spec().sourceName())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        ApplicationSource source = app.sourceFor(sourceName).orElse(null);
        if (source == null && sourceName != null) {
            throw new GitWriteBackException("application " + app.ref() + ": no source is named \"" + sourceName + "\"");
        }
        WriteBackTarget target = WriteBackTarget.parse(config.target());
        if (target.kind() == WriteBackTarget.Kind.HELM_VALUES) {
            if (target.path().startsWith("$")) {
                return inRefSource(app, source, target.path());
            }
            boolean explicit = config.target() != null && config.target().contains(":");
            Optional<String> refValues = source == null
                    ? Optional.empty()
                    : source.valueFiles().stream()
                            .filter(f -> f.startsWith("$"))
                            .findFirst();
            if (source != null && source.chart() != null && refValues.isPresent()) {
                WriteSource values = inRefSource(app, source, refValues.get());
                return explicit
                        ? new WriteSource(
                                source, values.repoUrl(), values.revision(), refPath(app, refValues.get()), target)
                        : values;
            }
        }
        return source == null
                ? new WriteSource(null, null, null, null, target)
                : new WriteSource(source, source.repoUrl(), source.targetRevision(), source.repoPath(), target);
    }

    /** The file {@code $<ref>/<path>} in the repository of the source whose {@code ref} is {@code <ref>}. */
    private static WriteSource inRefSource(ArgoApplication app, ApplicationSource source, String file) {
        int slash = file.indexOf('/');
        String ref = slash < 0 ? file.substring(1) : file.substring(1, slash);
        String rest = slash < 0 ? "" : file.substring(slash + 1);
        ApplicationSource holder = refSource(app, ref);
        if (rest.isBlank()) {
            throw new InvalidWriteBackTargetException(file, "no file after $" + ref);
        }
        return new WriteSource(
                source,
                holder.repoUrl(),
                holder.targetRevision(),
                null,
                new WriteBackTarget(WriteBackTarget.Kind.HELM_VALUES, "/" + rest));
    }

    private static String refPath(ArgoApplication app, String file) {
        int slash = file.indexOf('/');
        return refSource(app, slash < 0 ? file.substring(1) : file.substring(1, slash))
                .repoPath();
    }

    private static ApplicationSource refSource(ArgoApplication app, String ref) {
        return app.sources().stream()
                .filter(s -> ref.equals(s.ref()))
                .findFirst()
                .orElseThrow(() -> new GitWriteBackException(
                        "application " + app.ref() + ": no source has ref \"" + ref + "\" for $" + ref + "/..."));
    }
}
