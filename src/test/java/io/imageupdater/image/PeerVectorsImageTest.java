package io.imageupdater.image;

import static io.imageupdater.testing.PeerVectors.answer;

import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's vectors on image references (parse, registry prefix, short form, compare) and platforms, run against
 * {@link ImageRef}, {@link ImageListEntry} and {@link Platform}. Upstream's fields are read off our values: its
 * {@code registryURL} is what was written ({@code ""} when implicit), its {@code tag}/{@code digest} are {@code ""}
 * when the other one is present and {@code null} when neither is.
 */
class PeerVectorsImageTest {

    static Stream<Arguments> imageParse() {
        return PeerVectors.of("image_parse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void imageParse(Case c) {
        if (c.input().get("identifiers") instanceof List<?> list) {
            PeerVectors.check(
                    c,
                    answer(
                            "string",
                            list.stream()
                                    .map(text -> parsed(String.valueOf(text)).get("string"))
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(","))));
            return;
        }
        Map<String, Object> ours = parsed(c.text("identifier"));
        if (c.text("withTag") != null && ours.get("ref") instanceof ImageRef ref) {
            String alias = (String) ours.get("alias");
            ours.put("string", (alias.isEmpty() ? "" : alias + "=") + ref.withTag(c.text("withTag")));
        }
        ours.remove("ref");
        PeerVectors.check(c, ours);
    }

    /** Our reading of {@code [alias=]image[:tag][@digest]} (an image-list entry when the tag is a constraint). */
    private static Map<String, Object> parsed(String text) {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("original", text);
        int equals = text.indexOf('=');
        String alias = equals < 0 ? "" : text.substring(0, equals);
        String rest = equals < 0 ? text : text.substring(equals + 1);
        ImageRef ref;
        String constraint = null;
        try {
            ref = ImageRef.parse(rest);
        } catch (InvalidImageReferenceException e) {
            if (rest.contains("@")) {
                ours.put("valid", false);
                ours.put("error", e.getMessage());
                return ours;
            }
            try {
                ImageListEntry entry = ImageListEntry.parse(text);
                ref = entry.image();
                constraint = entry.constraint();
                alias = entry.alias() == null ? "" : entry.alias();
            } catch (InvalidImageReferenceException again) {
                ours.put("error", again.getMessage());
                return ours;
            }
        }
        String tag = constraint != null ? constraint : ref.tag();
        ours.put("valid", true);
        ours.put("ref", ref);
        ours.put("registryURL", ref.registry());
        ours.put("imageName", ref.name());
        ours.put("tag", tag != null ? tag : ref.digest() != null ? "" : null);
        ours.put("digest", ref.digest() != null ? ref.digest() : tag != null ? "" : null);
        ours.put("alias", alias);
        ours.put("fullNameWithTag", ref.toString());
        ours.put("fullNameWithoutTag", ref.nameWithRegistry());
        ours.put("tagWithDigest", ref.digest() == null ? null : (tag == null ? "latest" : tag) + "@" + ref.digest());
        ours.put("string", (alias.isEmpty() ? "" : alias + "=") + ref + (constraint == null ? "" : ":" + constraint));
        return ours;
    }

    static Stream<Arguments> names() {
        return PeerVectors.of("registry_prefix_detect", "short_form", "image_compare");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void names(Case c) {
        switch (c.category()) {
            case "registry_prefix_detect" ->
                PeerVectors.check(c, answer("hasRegistryPrefix", !ImageRef.splitRegistry(c.text("name"))[0].isEmpty()));
            case "short_form" -> PeerVectors.check(c, answer("shortForm", ImageRef.splitRegistry(c.text("name"))[1]));
            default -> {
                ImageRef a = ImageRef.parse(c.text("a"));
                ImageRef b = ImageRef.parse(c.text("b"));
                boolean differs = !a.sameRepository(b)
                        || (Boolean.TRUE.equals(c.in("checkVersion"))
                                && !ImageChange.version(a).equals(ImageChange.version(b)));
                PeerVectors.check(c, answer("differs", differs));
            }
        }
    }

    static Stream<Arguments> platforms() {
        return PeerVectors.of("platforms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void platforms(Case c) {
        List<String> configured = c.in("platforms");
        List<String> query = c.in("query");
        List<Platform> wanted = Platform.parseList(String.join(",", configured));
        boolean any = wanted.isEmpty() && !configured.isEmpty() ? false : wanted.isEmpty();
        boolean matches = any
                ? Platform.current().matches(query.get(0), query.get(1), blankToNull(query.get(2)))
                : wanted.stream().anyMatch(p -> p.matches(query.get(0), query.get(1), blankToNull(query.get(2))));
        PeerVectors.check(c, answer("wanted", matches));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
