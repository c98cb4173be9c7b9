package io.imageupdater.writeback.git;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.HelmTarget;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.argocd.SourceType;
import io.imageupdater.writeback.PlannedChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one Application's changes to a checked-out working tree with the pure file editors, and says which
 * changes altered a file and which were already there.
 */
final class TreeEdit {
    private static final List<String> KUSTOMIZATION_FILES =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** What editing did: the changes that altered the file, those already in it, the file (repository-relative). */
    record Outcome(List<PlannedChange> applied, List<PlannedChange> alreadyCurrent, String file) {}

    private TreeEdit() {}

    static Outcome apply(Path root, GitChangeSet set, String argocdNamespace) {
        ArgoApplication app = set.app();
        WriteBackTarget target = WriteBackTarget.parse(set.config().target());
        String sourcePath = app.source().map(source -> source.repoPath()).orElse(null);
        String resolved = target.resolve(sourcePath);
        Path base = root.resolve(resolved).normalize();
        Path file = switch (target.kind()) {
            case ARGOCD_SOURCE -> base.resolve(ArgocdSourceFile.fileName(app.name(), app.namespace(), argocdNamespace));
            case KUSTOMIZATION ->
                KUSTOMIZATION_FILES.stream()
                        .map(base::resolve)
                        .filter(Files::isRegularFile)
                        .findFirst()
                        .orElseThrow(() -> new GitWriteBackException(
                                "application " + app.ref() + ": no kustomization.yaml in " + resolved));
            case HELM_VALUES -> base;
        };
        if (!file.startsWith(root)) {
            throw new GitWriteBackException(
                    "application " + app.ref() + ": " + resolved + " is outside the repository");
        }
        String original = read(file, target.kind() == WriteBackTarget.Kind.ARGOCD_SOURCE, app);
        String text = original;
        List<PlannedChange> applied = new ArrayList<>();
        List<PlannedChange> current = new ArrayList<>();
        for (PlannedChange change : set.changes()) {
            String edited = edit(text, target.kind(), app, change);
            (edited.equals(text) ? current : applied).add(change);
            text = edited;
        }
        if (!text.equals(original)) {
            write(file, text, app);
        }
        return new Outcome(applied, current, root.relativize(file).toString());
    }

    private static String edit(String text, WriteBackTarget.Kind kind, ArgoApplication app, PlannedChange change) {
        List<ImageUpdate> updates = List.of(update(change));
        return switch (kind) {
            case KUSTOMIZATION -> KustomizationEditor.apply(text, updates);
            case HELM_VALUES -> HelmValuesEditor.apply(text, updates);
            case ARGOCD_SOURCE -> ArgocdSourceFile.apply(text, sourceKind(app), updates);
        };
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

    private static SourceKind sourceKind(ArgoApplication app) {
        if (app.sourceType() == SourceType.KUSTOMIZE) {
            return SourceKind.KUSTOMIZE;
        }
        if (app.sourceType() == SourceType.HELM) {
            return SourceKind.HELM;
        }
        throw new GitWriteBackException("application " + app.ref() + ": source type " + app.sourceType()
                + " has no .argocd-source file; only Helm and Kustomize sources can be written back");
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
