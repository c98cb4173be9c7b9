package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgocdSourceFileNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            in Argo CD's namespace      ; web ; argocd ; argocd ; .argocd-source-web.yaml
            namespace unknown           ; web ; none   ; argocd ; .argocd-source-web.yaml
            namespace blank             ; web ; ''     ; argocd ; .argocd-source-web.yaml
            in another namespace        ; web ; team-a ; argocd ; .argocd-source-team-a_web.yaml
            Argo CD namespace unknown   ; web ; team-a ; none   ; .argocd-source-team-a_web.yaml
            """)
    void namesTheFile(String name, String app, String appNamespace, String argocdNamespace, String expected) {
        assertEquals(expected, ArgocdSourceFile.fileName(app, appNamespace, argocdNamespace));
    }
}
