package io.imageupdater.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Argo CD Image Updater's own test vectors ({@code peer-cases.json}: 202 cases in 26 categories) and the one list of
 * cases we deliberately decide differently ({@code src/test/resources/vectors/differences.json}, each with its
 * reason and our answer). The cases come from {@code ../shared/vectors} when it is beside the project (or beside a
 * parent directory, for a worktree), else from the unchanged copy in {@code src/test/resources/vectors}.
 */
public final class PeerVectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COPY = Path.of("src", "test", "resources", "vectors");

    /** One case: its id, category, input and upstream's expected answer. */
    public record Case(String id, String category, Map<String, Object> input, Map<String, Object> expected) {
        @SuppressWarnings("unchecked")
        public <T> T in(String key) {
            return (T) input.get(key);
        }

        public String text(String key) {
            Object value = input.get(key);
            return value == null ? null : value.toString();
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** A deliberate difference: why, and what we answer instead (the same keys as upstream's expected answer). */
    public record Difference(String reason, Map<String, Object> ours) {}

    private PeerVectors() {}

    /** Every case, in file order. */
    @SuppressWarnings("unchecked")
    public static List<Case> all() {
        Map<String, Object> file = read(casesFile());
        List<Case> cases = new ArrayList<>();
        for (Object item : (List<Object>) file.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) item;
            cases.add(new Case(
                    (String) c.get("id"), (String) c.get("category"), (Map<String, Object>) c.get("input"), (Map<
                                    String, Object>)
                            c.get("expected")));
        }
        return cases;
    }

    /** The cases of some categories as named arguments, one row per case named by its id. */
    public static Stream<Arguments> of(String... categories) {
        Set<String> wanted = Set.of(categories);
        List<Case> cases =
                all().stream().filter(c -> wanted.contains(c.category())).toList();
        if (cases.isEmpty()) {
            throw new IllegalStateException("no vector of categories " + wanted);
        }
        return cases.stream().map(c -> Arguments.of(Named.of(c.id(), c)));
    }

    /** The deliberate differences, by case id. */
    @SuppressWarnings("unchecked")
    public static Map<String, Difference> differences() {
        Map<String, Object> file = read(COPY.resolve("differences.json"));
        Map<String, Difference> result = new LinkedHashMap<>();
        ((Map<String, Object>) file.get("differences")).forEach((id, value) -> {
            Map<String, Object> d = (Map<String, Object>) value;
            result.put(id, new Difference((String) d.get("reason"), (Map<String, Object>) d.get("ours")));
        });
        return result;
    }

    /**
     * Asserts our answer against upstream's: every key upstream expects must be in {@code ours} with the same value;
     * for a case listed as a deliberate difference, {@code ours} must instead equal the listed answer, which must
     * differ from upstream's.
     */
    public static void check(Case c, Map<String, Object> ours) {
        Difference difference = differences().get(c.id());
        Map<String, Object> wanted = difference == null ? c.expected() : difference.ours();
        if (difference != null) {
            assertFalse(difference.reason() == null || difference.reason().isBlank(), c.id() + ": no reason given");
            assertNotEquals(
                    normalize(c.expected()), normalize(difference.ours()), c.id() + ": listed but not different");
        }
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            if (!ours.containsKey(entry.getKey())) {
                fail(c.id() + ": our answer has no " + entry.getKey() + " (ours: " + ours + ")");
            }
            assertEquals(
                    normalize(entry.getValue()),
                    normalize(ours.get(entry.getKey())),
                    c.id() + " (" + c.category() + "): " + entry.getKey()
                            + (difference == null ? "" : " [deliberate difference: " + difference.reason() + "]"));
        }
    }

    /** Numbers compared as longs, everything else as it is. */
    private static Object normalize(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(k, normalize(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PeerVectors::normalize).toList();
        }
        return value;
    }

    /** An answer map that may hold {@code null} values. */
    public static Map<String, Object> answer(Object... keysAndValues) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            result.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return result;
    }

    /** {@code ../shared/vectors/peer-cases.json} when present, else the copy in the test resources. */
    public static Path casesFile() {
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors").resolve("peer-cases.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return COPY.resolve("peer-cases.json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try {
            return Objects.requireNonNull(JSON.readValue(Files.readString(file), Map.class), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
