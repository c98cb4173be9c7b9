package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextTemplateTest {
    private static final Map<String, Object> DATA = Map.of(
            "AppName",
            "shop",
            "AppChanges",
            List.of(
                    Map.of("Image", "ghcr.io/acme/web", "OldTag", "1.0.0", "NewTag", "1.1.0"),
                    Map.of("Image", "redis", "OldTag", "7.2", "NewTag", "7.4")));

    static Stream<Arguments> renderings() {
        return Stream.of(
                row("plain text", "no actions", "no actions"),
                row("field", "update {{.AppName}}", "update shop"),
                row("spaces inside the braces", "update {{ .AppName }}!", "update shop!"),
                row("missing field", "{{.Nope}}", "<no value>"),
                row(
                        "range over changes",
                        "{{range .AppChanges}}[{{.Image}} {{.OldTag}}->{{.NewTag}}]{{end}}",
                        "[ghcr.io/acme/web 1.0.0->1.1.0][redis 7.2->7.4]"),
                row(
                        "trim markers",
                        "a {{- .AppName -}} b\n{{range .AppChanges -}}\n{{.NewTag}}\n{{end -}}\nz",
                        "ashopb\n1.1.0\n7.4\nz"),
                row("comment", "x{{/* ignored */}}y", "xy"),
                row("range over a missing list", "a{{range .Nope}}x{{end}}b", "ab"),
                row(
                        "outer field inside range is the element's",
                        "{{range .AppChanges}}{{.AppName}};{{end}}",
                        "<no value>;<no value>;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void renders(String template, String expected) {
        assertEquals(expected, TextTemplate.parse(template).render(DATA));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("function call", "{{printf \"%s\" .AppName}}", "printf"),
                row("if", "{{if .AppName}}x{{end}}", "if .AppName"),
                row("range without end", "{{range .AppChanges}}x", "has no {{end}}"),
                row("end without range", "x{{end}}", "{{end}} without {{range}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWhatItDoesNotSupport(String template, String named) {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, () -> TextTemplate.parse(template));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    private static Arguments row(String name, String template, String expected) {
        return Arguments.of(Named.of(name, template), expected);
    }
}
