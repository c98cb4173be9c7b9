package io.imageupdater.writeback.git;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.HelmTarget;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.PluginTarget;
import io.imageupdater.argocd.SourceType;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies one Application's changes to a checked-out working tree with the pure file editors, and says which
 * changes altered a file and which were already there. The checkout is a jail: the file edited must lie inside it,
 * and neither it nor any directory above it (inside the checkout) may be a symbolic link.
 */
final class TreeEdit {
    private static final List<String> KUSTOMIZATION_FILES =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /**
     * What editing did: the changes that altered the file, those already in it, those dropped because their value
     * moved since it was first read, the file (repository-relative), and what each change found (in order).
     */
    record Outcome(
            List<PlannedChange> applied,
            List<PlannedChange> alreadyCurrent,
            List<PlannedChange> dropped,
            String file,
            List<ValueRead> reads,
            boolean created) {
        Outcome(
                List<PlannedChange> applied,
                List<PlannedChange> alreadyCurrent,
                List<PlannedChange> dropped,
                String file,
                List<ValueRead> reads) {
            this(applied, alreadyCurrent, dropped, file, reads, false);
        }
    }

    /**
     * What one change found where it writes: the lines it rewrites, or {@code null} when the file already holds
     * the new value; {@code line} (1-based) only says where, for log lines.
     */
    record ValueRead(String lines, int line) {
        static ValueRead of(String before, String after) {
            if (before.equals(after)) {
                return new ValueRead(null, 0);
            }
            List<String> old = before.lines().toList();
            List<String> now = after.lines().toList();
            int prefix = 0;
            while (prefix < old.size() && prefix < now.size() && old.get(prefix).equals(now.get(prefix))) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < old.size() - prefix
                    && suffix < now.size() - prefix
                    && old.get(old.size() - 1 - suffix).equals(now.get(now.size() - 1 - suffix))) {
                suffix++;
            }
            return new ValueRead(String.join("\n", old.subList(prefix, old.size() - suffix)), prefix + 1);
        }

        /** Whether the change found the same thing as it did when first read (where it is does not matter). */
        boolean sameAs(ValueRead first) {
            return Objects.equals(lines, first.lines);
        }
    }

    private TreeEdit() {}

    /** A first edit: every change is applied. */
    static Outcome apply(Path root, GitChangeSet set, String argocdNamespace) {
        return apply(root, set, argocdNamespace, null);
    }

    /**
     * Edits the file.
     *
     * @param firstReads what each change found at the first edit, when the edit is applied again on a branch that
     *                   moved: a change whose value no longer holds what it found then is dropped, with a log line;
     *                   {@code null} for the first edit
     */
    static Outcome apply(Path root, GitChangeSet set, String argocdNamespace, List<ValueRead> firstReads) {
        ArgoApplication app = set.app();
        WriteSource where = WriteSource.of(app, set.config(), set.changes());
        WriteBackTarget target = where.target();
        String resolved = target.resolve(where.path());
        Path base = root.resolve(resolved).normalize();
        requireInside(root, base, resolved, app);
        Path file = switch (target.kind()) {
            case ARGOCD_SOURCE -> base.resolve(ArgocdSourceFile.fileName(app.name(), app.namespace(), argocdNamespace));
            case KUSTOMIZATION ->
                KUSTOMIZATION_FILES.stream()
                        .map(base::resolve)
                        .filter(candidate -> Files.isRegularFile(candidate) || Files.isSymbolicLink(candidate))
                        .findFirst()
                        .orElseThrow(() -> new GitWriteBackException(
                                "application " + app.ref() + ": no kustomization.yaml in " + resolved));
            case HELM_VALUES -> base;
        };
        String relative = root.relativize(file).toString();
        requireInside(root, file, relative, app);
        // a missing .argocd-source file or Helm values file is created with just the written keys
        boolean missing = target.kind() == WriteBackTarget.Kind.HELM_VALUES && !Files.exists(file);
        String original = read(file, target.kind() != WriteBackTarget.Kind.KUSTOMIZATION, app);
        String text = original;
        List<PlannedChange> applied = new ArrayList<>();
        List<PlannedChange> current = new ArrayList<>();
        List<PlannedChange> dropped = new ArrayList<>();
        List<ValueRead> reads = new ArrayList<>();
        for (int i = 0; i < set.changes().size(); i++) {
            PlannedChange change = set.changes().get(i);
            String edited = edit(text, target.kind(), where, app, change);
            ValueRead read = ValueRead.of(text, edited);
            reads.add(read);
            boolean changes = !edited.equals(text);
            if (changes && firstReads != null && i < firstReads.size() && !read.sameAs(firstReads.get(i))) {
                Log.infof(
                        "application %s, image %s: the value in %s (near line %d) changed on the branch since it was"
                                + " read; this change is dropped and decided again next cycle",
                        app.ref(), change.spec().alias(), relative, read.line());
                dropped.add(change);
                continue;
            }
            (changes ? applied : current).add(change);
            text = edited;
        }
        if (!text.equals(original)) {
            write(file, text, app);
        }
        return new Outcome(applied, current, dropped, relative, reads, missing && !text.equals(original));
    }

    /**
     * Refuses a path outside the checkout, or one that is, or lies under, a symbolic link inside it: a repository
     * may hold links to anywhere on this machine, and we neither read nor write through them.
     */
    static void requireInside(Path root, Path path, String shown, ArgoApplication app) {
        if (!path.startsWith(root)) {
            throw new GitWriteBackException("application " + app.ref() + ": " + shown + " is outside the repository");
        }
        Path current = root;
        for (Path part : root.relativize(path)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new GitWriteBackException("application " + app.ref() + ": " + shown
                        + (current.equals(path) ? " is" : " lies under") + " a symbolic link ("
                        + root.relativize(current) + "); write-back targets must be real files inside the repository");
            }
        }
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(root.toRealPath())) {
                throw new GitWriteBackException(
                        "application " + app.ref() + ": " + shown + " is outside the repository");
            }
        } catch (IOException e) {
            throw new GitWriteBackException("application " + app.ref() + ": cannot resolve " + shown + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String edit(
            String text, WriteBackTarget.Kind kind, WriteSource where, ArgoApplication app, PlannedChange change) {
        List<ImageUpdate> updates = List.of(update(change));
        return switch (kind) {
            case KUSTOMIZATION -> KustomizationEditor.apply(text, updates);
            case HELM_VALUES -> HelmValuesEditor.apply(text, updates);
            case ARGOCD_SOURCE -> {
                SourceKind sourceKind = sourceKind(app, where);
                yield sourceKind == SourceKind.PLUGIN
                        ? ArgocdSourceFile.applyPluginEnv(text, change.spec().alias(), pluginEnv(change))
                        : ArgocdSourceFile.apply(text, sourceKind, updates);
            }
        };
    }

    /** The plugin env entries a change writes, in order. */
    static Map<String, String> pluginEnv(PlannedChange change) {
        PluginTarget plugin = change.spec().plugin();
        ImageRef to = change.change().to();
        Map<String, String> env = new LinkedHashMap<>();
        if (plugin.imageSpec() != null) {
            env.put(plugin.imageSpec(), to.toString());
        } else {
            env.put(plugin.imageName(), to.nameWithRegistry());
            env.put(plugin.imageTag(), ImageChange.version(to));
        }
        return env;
    }

    static ImageUpdate update(PlannedChange change) {
        ImageSpec spec = change.spec();
        HelmTarget helm = spec.helm();
        boolean whole = helm.imageSpec() != null;
        return new ImageUpdate(
                spec.alias(),
                change.change().to(),
                whole ? null : helm.imageName(),
                whole ? null : helm.imageTag(),
                helm.imageSpec(),
                spec.kustomizeImageName());
    }

    private static SourceKind sourceKind(ArgoApplication app, WriteSource where) {
        SourceType type =
                where.source() == null ? SourceType.UNKNOWN : where.source().type();
        return switch (type) {
            case KUSTOMIZE -> SourceKind.KUSTOMIZE;
            case HELM -> SourceKind.HELM;
            case PLUGIN -> SourceKind.PLUGIN;
            default ->
                throw new GitWriteBackException("application " + app.ref() + ": source type "
                        + (type == SourceType.UNKNOWN ? "(unknown)" : type.value())
                        + " has no .argocd-source file; only Helm, Kustomize and Plugin sources can be written back");
        };
    }

    private static String read(Path file, boolean mayBeMissing, ArgoApplication app) {
        try {
            if (mayBeMissing && !Files.exists(file)) {
                return "";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitWriteBackException(
                    "application " + app.ref() + ": cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text, ArgoApplication app) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitWriteBackException(
                    "application " + app.ref() + ": cannot write " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
