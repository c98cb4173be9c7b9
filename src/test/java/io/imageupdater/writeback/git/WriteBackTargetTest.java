package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.writeback.git.WriteBackTarget.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteBackTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            unset is the Argo CD source file       ; none                        ; ARGOCD_SOURCE ; .
            blank is the Argo CD source file       ; '  '                        ; ARGOCD_SOURCE ; .
            kustomization in the source path       ; kustomization               ; KUSTOMIZATION ; .
            kustomization in a relative dir        ; kustomization:../base       ; KUSTOMIZATION ; ../base
            kustomization from the repository root ; kustomization:/envs/prod    ; KUSTOMIZATION ; /envs/prod
            helm values default file               ; helmvalues                  ; HELM_VALUES   ; values.yaml
            helm values relative file              ; helmvalues:values-prod.yaml ; HELM_VALUES   ; values-prod.yaml
            helm values absolute file              ; helmvalues:/env/values.yaml ; HELM_VALUES   ; /env/values.yaml
            surrounding blanks                     ; ' helmvalues: v.yaml '      ; HELM_VALUES   ; v.yaml
            """)
    void parses(String name, String value, Kind kind, String path) {
        assertEquals(new WriteBackTarget(kind, path), WriteBackTarget.parse(value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            unknown target         ; argocd
            git is a method        ; git
            kustomization typo     ; kustomize:overlays
            capitalised            ; Kustomization
            empty path             ; 'kustomization:'
            blank path             ; 'helmvalues:  '
            """)
    void rejectsNamingTheValue(String name, String value) {
        InvalidWriteBackTargetException e =
                assertThrows(InvalidWriteBackTargetException.class, () -> WriteBackTarget.parse(value));
        assertTrue(e.getMessage().contains("\"" + value + "\""), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            source file in the source path     ; none                          ; apps/web    ; apps/web
            source file at the repository root ; none                          ; .           ; .
            source path unset                  ; none                          ; none        ; .
            kustomization in the source path   ; kustomization                 ; apps/web/   ; apps/web
            kustomization up one level         ; kustomization:../base         ; apps/web    ; apps/base
            kustomization from the root        ; kustomization:/envs/prod      ; apps/web    ; envs/prod
            helm values default                ; helmvalues                    ; charts/web  ; charts/web/values.yaml
            helm values from the root          ; helmvalues:/env/values.yaml   ; charts/web  ; env/values.yaml
            helm values with dot segments      ; helmvalues:./env/../v.yaml    ; ./charts    ; charts/v.yaml
            """)
    void resolvesAgainstTheSourcePath(String name, String value, String sourcePath, String expected) {
        assertEquals(expected, WriteBackTarget.parse(value).resolve(sourcePath));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            above the source path's root ; kustomization:../../..  ; apps/web
            above the repository root    ; helmvalues:/../v.yaml   ; apps/web
            """)
    void rejectsPathsLeavingTheRepository(String name, String value, String sourcePath) {
        WriteBackTarget target = WriteBackTarget.parse(value);
        assertThrows(InvalidWriteBackTargetException.class, () -> target.resolve(sourcePath));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            kustomization ; kustomization:overlays/prod
            helm values   ; helmvalues:/values.yaml
            """)
    void roundTrips(String name, String value) {
        assertEquals(value, WriteBackTarget.parse(value).toString());
    }
}
