package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.ImageUpdaterException;
import io.imageupdater.image.ImageRef;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditorRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            exact name                          ; nginx docker.io/library/nginx ; nginx                   ; 0
            exact long name preferred           ; nginx docker.io/library/nginx ; docker.io/library/nginx ; 1
            long finds the only short           ; nginx redis                   ; docker.io/library/nginx ; 0
            short finds the only long           ; docker.io/library/nginx       ; nginx                   ; 0
            index.docker.io is Docker Hub       ; index.docker.io/acme/web      ; acme/web                ; 0
            other registry is another image     ; ghcr.io/library/nginx         ; nginx                   ; none
            ambiguous spellings match nothing   ; library/nginx docker.io/nginx ; nginx                   ; none
            no entries                          ; ''                            ; nginx                   ; none
            """)
    void matchesKustomizeNames(String name, String names, String orig, Integer expected) {
        List<String> list = names.isEmpty() ? List.of() : Arrays.asList(names.split(" "));
        OptionalInt index = KustomizationEditor.match(list, orig);
        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected), index);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            own name                  ; nginx:1.27.0                     ; none     ; nginx:1.27.0
            same original name        ; acme/web:1.0                     ; acme/web ; acme/web:1.0
            original name replaced    ; ghcr.io/acme/web:1.0             ; acme/web ; acme/web=ghcr.io/acme/web:1.0
            digest kept               ; acme/web@sha256:0123456789abcdef0123456789abcdef ; none ; acme/web@sha256:0123456789abcdef0123456789abcdef
            """)
    void writesKustomizeImageOverrides(String name, String image, String kustomizeName, String expected) {
        assertEquals(
                expected,
                ImageUpdate.kustomize("a", ImageRef.parse(image), kustomizeName).kustomizeImage());
    }

    @Test
    void helmValuesAreNameTagAndSpec() {
        ImageUpdate update = ImageUpdate.helm(
                "web",
                ImageRef.parse("ghcr.io/acme/web:1.2@sha256:" + "0".repeat(64)),
                "image.repository",
                "image.tag",
                "image.spec");
        assertEquals(
                List.of(
                        "ghcr.io/acme/web",
                        "1.2@sha256:" + "0".repeat(64),
                        "ghcr.io/acme/web:1.2@sha256:" + "0".repeat(64)),
                List.copyOf(update.helmValues().values()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            path runs into a scalar         ; 'image: nginx'                  ; image.tag
            path ends on a mapping          ; 'image: {tag: x}'               ; image
            list index out of range         ; 'containers: [{tag: x}]'        ; containers[1].tag
            index on a mapping              ; 'containers: {tag: x}'          ; containers[0].tag
            missing list item not created   ; 'other: 1'                      ; containers[0].tag
            empty segment                   ; 'a: 1'                          ; a..tag
            not YAML                        ; 'a: [1'                         ; a
            root is a list                  ; '- a'                           ; a
            """)
    void helmErrorsNameTheKeyAndImage(String name, String text, String key) {
        ImageUpdate update = ImageUpdate.helm("web", ImageRef.parse("acme/web:1.0"), null, key, null);
        ImageUpdaterException e =
                assertThrows(FileEditException.class, () -> HelmValuesEditor.apply(text, List.of(update)));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("web"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            images is a mapping  ; 'images: {name: nginx}'
            images is a scalar   ; 'images: nginx'
            not YAML             ; 'images: [1'
            """)
    void kustomizationErrorsNameTheImage(String name, String text) {
        ImageUpdate update = ImageUpdate.kustomize("web", ImageRef.parse("nginx:1.0"), null);
        ImageUpdaterException e =
                assertThrows(FileEditException.class, () -> KustomizationEditor.apply(text, List.of(update)));
        assertTrue(e.getMessage().contains("web"), e.getMessage());
    }

    @Test
    void noUpdatesReturnTheSameText() {
        String text = "# only a comment\n";
        assertSame(text, KustomizationEditor.apply(text, List.of()));
        assertSame(text, HelmValuesEditor.apply(text, List.of()));
        assertSame(text, ArgocdSourceFile.apply(text, SourceKind.HELM, List.of()));
    }

    @Test
    void helmUpdateWithoutKeysChangesNothing() {
        String text = "image:\n  tag: 1.0\n";
        ImageUpdate update = ImageUpdate.helm("web", ImageRef.parse("acme/web:2.0"), null, null, null);
        assertSame(text, HelmValuesEditor.apply(text, List.of(update)));
    }
}
