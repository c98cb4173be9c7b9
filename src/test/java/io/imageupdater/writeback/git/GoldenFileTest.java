package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.imageupdater.image.ImageRef;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs every case under {@code writeback/git/<case>/}: {@code updates.yaml} says which editor, which file and
 * which updates; {@code original/<file>} goes in (absent means no file), {@code expected/<file>} must come out byte
 * for byte. Applying the same updates to the expected text must return it unchanged.
 */
class GoldenFileTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenFileTest.class.getResource("/writeback/git").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editsTheOriginalIntoTheExpectedFile(String name) throws Exception {
        Path dir = Path.of(
                GoldenFileTest.class.getResource("/writeback/git/" + name).toURI());
        Map<String, Object> spec =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(dir.resolve("updates.yaml")));
        String file = (String) spec.get("file");
        Path originalFile = dir.resolve("original").resolve(file);
        String original = Files.exists(originalFile) ? read(originalFile) : null;
        String expected = read(dir.resolve("expected").resolve(file));
        List<ImageUpdate> updates = updates(spec);

        String actual = edit(spec, original, updates);

        assertEquals(expected, actual, name);
        String again = edit(spec, actual, updates);
        assertSame(actual, again, name + ": applying the updates again must return the very same text");
    }

    private static String edit(Map<String, Object> spec, String text, List<ImageUpdate> updates) {
        return switch ((String) spec.get("editor")) {
            case "kustomization" -> KustomizationEditor.apply(text, updates);
            case "helmvalues" -> HelmValuesEditor.apply(text, updates);
            case "argocd-source" ->
                ArgocdSourceFile.apply(text, SourceKind.valueOf((String) spec.get("kind")), updates);
            default -> throw new IllegalArgumentException("unknown editor " + spec.get("editor"));
        };
    }

    @SuppressWarnings("unchecked")
    private static List<ImageUpdate> updates(Map<String, Object> spec) {
        return ((List<Map<String, String>>) spec.get("updates"))
                .stream()
                        .map(u -> new ImageUpdate(
                                u.getOrDefault("alias", u.get("image")),
                                ImageRef.parse(u.get("image")),
                                u.get("helmNameKey"),
                                u.get("helmTagKey"),
                                u.get("helmSpecKey"),
                                u.get("kustomizeName")))
                        .toList();
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
