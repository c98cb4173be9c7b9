package io.imageupdater.writeback.git;

/** The tool Argo CD renders the application source with; decides the shape of the {@code .argocd-source} file. */
public enum SourceKind {
    KUSTOMIZE,
    HELM,
    PLUGIN
}
