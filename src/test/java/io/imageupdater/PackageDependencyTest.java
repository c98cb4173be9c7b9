package io.imageupdater;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies between feature packages point one way, as the table in STYLE.md says (read from imports). */
class PackageDependencyTest {
    private static final Path MAIN = Path.of("src/main/java/io/imageupdater");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?io\\.imageupdater\\.([a-z][a-z.]*)\\.[A-Z]", Pattern.MULTILINE);

    /** Package → the packages it may use besides itself and the base package. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("image", Set.of()),
            Map.entry("metrics", Set.of()),
            Map.entry("credentials", Set.of()),
            Map.entry("credentials.cloud", Set.of("credentials")),
            Map.entry("strategy", Set.of("image")),
            Map.entry("registry", Set.of("image", "credentials", "credentials.cloud", "metrics")),
            Map.entry("argocd", Set.of("image", "strategy")),
            Map.entry("gate", Set.of("strategy", "image")),
            Map.entry("argocd.crd", Set.of("argocd", "image", "strategy")),
            Map.entry("verification", Set.of("registry", "credentials", "image")),
            Map.entry("writeback", Set.of("argocd", "image")),
            Map.entry("writeback.argocd", Set.of("writeback", "argocd", "image", "metrics")),
            Map.entry(
                    "writeback.git",
                    Set.of("writeback", "argocd", "image", "credentials", "credentials.cloud", "metrics")),
            Map.entry(
                    "writeback.git.pullrequest",
                    Set.of("writeback.git", "writeback", "argocd", "image", "credentials", "metrics")),
            Map.entry(
                    "updater",
                    Set.of(
                            "writeback",
                            "writeback.argocd",
                            "writeback.git",
                            "argocd",
                            "argocd.crd",
                            "gate",
                            "verification",
                            "registry",
                            "strategy",
                            "credentials",
                            "credentials.cloud",
                            "image",
                            "metrics")),
            // STYLE.md: updater's API and image; metrics too, where every metric name lives (its events counter).
            Map.entry("webhook", Set.of("updater", "image", "metrics")),
            Map.entry("view", Set.of("updater", "image")),
            Map.entry(
                    "cli",
                    Set.of(
                            "webhook",
                            "view",
                            "updater",
                            "writeback",
                            "writeback.argocd",
                            "writeback.git",
                            "argocd",
                            "argocd.crd",
                            "gate",
                            "verification",
                            "registry",
                            "strategy",
                            "credentials",
                            "image",
                            "metrics")));

    @Test
    void everyPackageUsesOnlyWhatItMay() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java")
                            && !file.getParent().equals(MAIN))
                    .forEach(file -> {
                        String pkg =
                                MAIN.relativize(file.getParent()).toString().replace('/', '.');
                        packages.add(pkg);
                        Set<String> allowed = ALLOWED.get(pkg);
                        for (String used : imports(file)) {
                            if (allowed != null && !used.equals(pkg) && !allowed.contains(used)) {
                                wrong.add(pkg + "/" + file.getFileName() + " uses " + used);
                            }
                        }
                    });
        }
        assertEquals(List.of(), wrong);
        assertEquals(
                List.of(),
                packages.stream().filter(pkg -> !ALLOWED.containsKey(pkg)).toList(),
                "packages missing from the dependency table");
    }

    private static List<String> imports(Path file) {
        try {
            Matcher matcher = IMPORT.matcher(Files.readString(file));
            List<String> found = new ArrayList<>();
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
