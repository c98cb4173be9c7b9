package io.imageupdater.updater;

import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.image.Tag;
import io.imageupdater.strategy.Selection;
import io.imageupdater.strategy.TagSelector;
import io.imageupdater.strategy.UpdateStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure decision for one image: live-image gate, filters, strategy, comparison with what runs. */
final class ImageDecider {

    private ImageDecider() {}

    /**
     * Whether the image has to be looked at at all: its constraint is valid, and it runs in the Application or
     * force-update is set. Decided before any registry request.
     */
    static Optional<ImageOutcome> gate(ImageSpec spec, List<ImageRef> liveImages) {
        if (spec.selector() == null) {
            return Optional.of(ImageOutcome.error(spec.alias(), FailureReason.INVALID_SPEC, spec.constraintError()));
        }
        if (spec.forceUpdate() || live(spec, liveImages).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(ImageOutcome.of(
                spec.alias(),
                ImageOutcome.Kind.NOT_LIVE,
                "image " + spec.entry().image()
                        + " is not among the Application's live images; set force-update to update it anyway"));
    }

    /** Decides for an image that passed the gate, given the repository's tags. */
    static ImageOutcome decide(ImageSpec spec, List<ImageRef> liveImages, List<Tag> tags) {
        TagSelector selector = spec.selector();
        if (selector == null) {
            return ImageOutcome.error(spec.alias(), FailureReason.INVALID_SPEC, spec.constraintError());
        }
        List<Tag> filtered = spec.filter().apply(tags);
        Selection selection = selector.select(filtered);
        if (selection.chosen().isEmpty()) {
            return ImageOutcome.of(spec.alias(), ImageOutcome.Kind.NO_CANDIDATE, noCandidate(spec, tags, filtered));
        }
        Tag chosen = selection.chosen().get();
        ImageRef image = spec.entry().image();
        ImageRef current = live(spec, liveImages).orElse(image);
        String digest = spec.strategy() == UpdateStrategy.DIGEST ? chosen.digest() : null;
        if (chosen.name().equals(current.tag()) && (digest == null || digest.equals(current.digest()))) {
            return ImageOutcome.of(
                            spec.alias(),
                            ImageOutcome.Kind.CURRENT,
                            "image " + current + " is already at the newest allowed version")
                    .withNewest(digest == null ? chosen.name() : chosen.name() + "@" + digest);
        }
        if (digest == null && sameImage(chosen, current, filtered)) {
            return ImageOutcome.of(
                            spec.alias(),
                            ImageOutcome.Kind.CURRENT,
                            "image " + current + " is the same image as " + chosen.name() + " (" + chosen.digest()
                                    + "); keeping its tag")
                    .withNewest(chosen.name());
        }
        return ImageOutcome.update(new ImageChange(
                spec.alias(), current, image.withTag(chosen.name()).withDigest(digest)));
    }

    /**
     * Why no tag is eligible, with the counts an operator needs: how many tags the repository has, how many pass the
     * tag filters ({@code allow-tags}, {@code ignore-tags}), and that none of those satisfies the constraint.
     */
    static String noCandidate(ImageSpec spec, List<Tag> tags, List<Tag> filtered) {
        StringBuilder why = new StringBuilder()
                .append(tags.size())
                .append(tags.size() == 1 ? " tag of " : " tags of ")
                .append(spec.entry().image());
        List<String> filters = new ArrayList<>();
        if (spec.allowTags() != null && !spec.allowTags().isBlank()) {
            filters.add("allow-tags " + spec.allowTags());
        }
        if (!spec.ignoreTags().isEmpty()) {
            filters.add("ignore-tags " + String.join(",", spec.ignoreTags()));
        }
        if (!filters.isEmpty()) {
            why.append(", ").append(filtered.size()).append(" match ").append(String.join(" and ", filters));
        }
        String constraint = spec.constraint() == null || spec.constraint().isBlank()
                ? "strategy " + spec.strategy().value()
                : "constraint " + spec.constraint();
        return why.append(", 0 satisfy ").append(constraint).toString();
    }

    /**
     * Whether {@code named} (a version as written back: {@code tag} or {@code tag@digest}) is newer than {@code to}
     * by the image's strategy: the strategy, choosing between the two, chooses {@code named}. Never for {@code digest}
     * (one tag), nor when either has no tag or a version cannot be ordered.
     */
    static boolean newer(ImageSpec spec, String named, ImageRef to, List<Tag> tags) {
        int at = named.indexOf('@');
        String namedTag = at < 0 ? named : named.substring(0, at);
        if (spec.strategy() == UpdateStrategy.DIGEST
                || namedTag.isBlank()
                || to.tag() == null
                || namedTag.equals(to.tag())) {
            return false;
        }
        TagSelector selector = spec.selector();
        if (selector == null) {
            return false;
        }
        Tag candidate = known(tags, to.tag());
        Tag current = known(tags, namedTag);
        return selector.choose(List.of(candidate, current))
                .map(chosen -> chosen.name().equals(namedTag))
                .orElse(false);
    }

    private static Tag known(List<Tag> tags, String name) {
        return tags.stream().filter(tag -> tag.name().equals(name)).findFirst().orElse(Tag.of(name));
    }

    /** Whether the running tag points to the chosen image, so switching tags would change nothing (and flip back). */
    private static boolean sameImage(Tag chosen, ImageRef current, List<Tag> candidates) {
        return chosen.digest() != null
                && current.tag() != null
                && candidates.stream()
                        .anyMatch(tag -> tag.name().equals(current.tag())
                                && chosen.digest().equals(tag.digest()));
    }

    private static Optional<ImageRef> live(ImageSpec spec, List<ImageRef> liveImages) {
        return liveImages.stream().filter(spec.entry().image()::sameRepository).findFirst();
    }
}
