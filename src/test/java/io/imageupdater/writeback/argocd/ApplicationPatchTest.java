package io.imageupdater.writeback.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imageupdater.argocd.SourceType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplicationPatchTest {

    static Stream<Arguments> cases() {
        List<Map<String, Object>> oldParams = List.of(Map.of("name", "image.tag", "value", "1.0"));
        List<Map<String, Object>> newParams = List.of(Map.of("name", "image.tag", "value", "1.1"));
        return Stream.of(
                Arguments.of(
                        "helm parameters exist: tested and replaced",
                        -1,
                        SourceType.HELM,
                        Map.of("chart", "web", "helm", Map.of("parameters", oldParams)),
                        Map.of("chart", "web", "helm", Map.of("parameters", newParams)),
                        "/spec/source/helm/parameters",
                        oldParams,
                        newParams),
                Arguments.of(
                        "no parameters yet: their parent is tested",
                        -1,
                        SourceType.HELM,
                        Map.of("chart", "web", "helm", Map.of("valueFiles", List.of("v.yaml"))),
                        Map.of(
                                "chart",
                                "web",
                                "helm",
                                Map.of("valueFiles", List.of("v.yaml"), "parameters", newParams)),
                        "/spec/source/helm",
                        Map.of("valueFiles", List.of("v.yaml")),
                        Map.of("valueFiles", List.of("v.yaml"), "parameters", newParams)),
                Arguments.of(
                        "no kustomize key: the source is tested",
                        2,
                        SourceType.KUSTOMIZE,
                        Map.of("path", "prod"),
                        Map.of("path", "prod", "kustomize", Map.of("images", List.of("web:1.1"))),
                        "/spec/sources/2",
                        Map.of("path", "prod"),
                        Map.of("path", "prod", "kustomize", Map.of("images", List.of("web:1.1")))),
                Arguments.of(
                        "kustomize images exist",
                        -1,
                        SourceType.KUSTOMIZE,
                        Map.of("kustomize", Map.of("images", List.of("web:1.0"))),
                        Map.of("kustomize", Map.of("images", List.of("web:1.1"))),
                        "/spec/source/kustomize/images",
                        List.of("web:1.0"),
                        List.of("web:1.1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void testsWhatWasDecidedFromAndReplacesIt(
            String name,
            int index,
            SourceType type,
            Map<String, Object> before,
            Map<String, Object> after,
            String path,
            Object tested,
            Object written) {
        ApplicationPatch patch = ApplicationPatch.of("uid-1", index, type, before, after);

        assertEquals(
                List.of(
                        Map.of("op", "test", "path", "/metadata/uid", "value", "uid-1"),
                        Map.of("op", "test", "path", path, "value", tested),
                        Map.of("op", "replace", "path", path, "value", written)),
                patch.operations());
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void pointerTokensAreEscaped(String key, String escaped) {
        assertEquals(escaped, ApplicationPatch.escape(key));
    }

    static Stream<Arguments> escapes() {
        return Stream.of(Arguments.of("a/b", "a~1b"), Arguments.of("a~b", "a~0b"), Arguments.of("plain", "plain"));
    }
}
