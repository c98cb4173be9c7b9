package io.imageupdater.strategy;

import static io.imageupdater.testing.PeerVectors.answer;

import io.imageupdater.image.Tag;
import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's vectors on tag selection, sort orders and tag filters, run against our strategies and filters. */
class PeerVectorsStrategyTest {

    static Stream<Arguments> tagSelection() {
        return PeerVectors.of("tag_selection");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void tagSelection(Case c) {
        UpdateStrategy strategy = UpdateStrategy.fromValue(c.text("strategy")).orElseThrow();
        Map<String, Object> ours = new LinkedHashMap<>();
        TagSelector selector;
        try {
            selector = TagSelectors.of(strategy, blankToNull(c.text("constraint")));
        } catch (InvalidConstraintException e) {
            ours.put("error", true);
            ours.put("tag", null);
            ours.put("message_contains", e.getMessage());
            PeerVectors.check(c, contains(c, ours));
            return;
        }
        List<Tag> tags = TagFilter.of(c.text("allowTags"), c.in("ignoreTags")).apply(tags(c));
        Optional<Tag> chosen = selector.select(tags).chosen();
        ours.put("error", false);
        ours.put("tag", chosen.map(Tag::name).orElse(null));
        ours.put("digest", chosen.map(t -> t.name() + "@" + t.digest()).orElse(null));
        PeerVectors.check(c, ours);
    }

    static Stream<Arguments> sort() {
        return PeerVectors.of("sort");
    }

    /** Our order: what the strategy picks last of all, then what it picks of the rest, and so on. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void sort(Case c) {
        UpdateStrategy strategy = switch (c.text("mode")) {
            case "alphabetical" -> UpdateStrategy.ALPHABETICAL;
            case "semver" -> UpdateStrategy.SEMVER;
            default -> UpdateStrategy.NEWEST_BUILD;
        };
        TagSelector selector = TagSelectors.of(strategy, null);
        List<Tag> rest = new ArrayList<>(tags(c));
        List<String> order = new ArrayList<>();
        while (!rest.isEmpty()) {
            Tag picked = selector.choose(rest).orElseThrow();
            order.addFirst(picked.name());
            rest.remove(picked);
        }
        PeerVectors.check(c, answer("order", order));
    }

    static Stream<Arguments> filters() {
        return PeerVectors.of("allow_tags", "ignore_tags");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void filters(Case c) {
        String tag = c.text("tag");
        if (c.category().equals("allow_tags")) {
            PeerVectors.check(
                    c,
                    answer(
                            "matches",
                            TagFilter.of(c.text("allowTags"), List.of()).allows(tag)));
        } else {
            PeerVectors.check(
                    c, answer("ignored", !TagFilter.of(null, c.in("ignoreTags")).allows(tag)));
        }
    }

    /** Tags from {@code tags}, {@code tagsWithEpochSeconds} or {@code tagsWithDigest}. */
    @SuppressWarnings("unchecked")
    static List<Tag> tags(Case c) {
        List<Tag> tags = new ArrayList<>();
        if (c.input().get("tags") instanceof List<?> names) {
            names.forEach(name -> tags.add(Tag.of(String.valueOf(name))));
        }
        if (c.input().get("tagsWithEpochSeconds") instanceof List<?> dated) {
            Map<String, Tag> byName = new LinkedHashMap<>();
            for (Object item : dated) {
                List<Object> pair = (List<Object>) item;
                String name = String.valueOf(pair.get(0));
                byName.put(name, new Tag(name, null, Instant.ofEpochSecond(((Number) pair.get(1)).longValue())));
            }
            tags.addAll(byName.values());
        }
        if (c.input().get("tagsWithDigest") instanceof List<?> digested) {
            for (Object item : digested) {
                List<Object> pair = (List<Object>) item;
                String digest = String.valueOf(pair.get(1));
                tags.add(new Tag(String.valueOf(pair.get(0)), digest.substring(digest.indexOf('@') + 1), null));
            }
        }
        return tags;
    }

    /** For {@code message_contains}: our message when it contains upstream's text, else our whole message. */
    private static Map<String, Object> contains(Case c, Map<String, Object> ours) {
        Object wanted = c.expected().get("message_contains");
        Object message = ours.get("message_contains");
        if (wanted != null && message != null && message.toString().contains(wanted.toString())) {
            ours.put("message_contains", wanted);
        }
        return ours;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
