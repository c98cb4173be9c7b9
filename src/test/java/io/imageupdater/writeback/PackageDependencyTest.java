package io.imageupdater.writeback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The argocd and writeback packages use only the packages STYLE.md allows them (read from their imports). */
class PackageDependencyTest {
    private static final Path MAIN = Path.of("src/main/java/io/imageupdater");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.imageupdater\\.([a-z.]+)\\.[A-Z]",
            Pattern.MULTILINE);

    static Stream<Arguments> packages() {
        return Stream.of(
                Arguments.of(Named.of("argocd", "argocd"), List.of("argocd", "image", "strategy")),
                Arguments.of(Named.of("argocd.crd", "argocd/crd"), List.of("argocd.crd", "argocd", "image", "strategy")),
                Arguments.of(Named.of("writeback", "writeback"), List.of("writeback", "argocd", "image")),
                Arguments.of(Named.of("writeback.argocd", "writeback/argocd"),
                        List.of("writeback.argocd", "writeback", "argocd", "image", "metrics")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void usesOnlyAllowedPackages(String dir, List<String> allowed) throws IOException {
        List<String> wrong;
        try (Stream<Path> files = Files.list(MAIN.resolve(dir))) {
            wrong = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> imports(f).stream()
                    .filter(p -> !allowed.contains(p)).map(p -> f.getFileName() + " -> " + p)).toList();
        }
        assertEquals(List.of(), wrong);
    }

    private static List<String> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file));
            List<String> found = new java.util.ArrayList<>();
            while (m.find()) {
                String pkg = m.group(1);
                found.add(pkg);
            }
            return found;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
