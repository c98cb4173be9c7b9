package io.imageupdater.gate;

import io.imageupdater.image.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Versions that were rolled back and are never chosen again, per image alias. A blocked tag with a digest blocks that
 * tag only while it points to that digest (so a digest-tracked tag can move on); without one, the tag whatever it
 * points to. Pure: a filter applied before the strategy chooses, so a newer version is still taken.
 *
 * @param entries the blocked versions
 */
public record BlockedVersions(List<Entry> entries) {
    public static final BlockedVersions NONE = new BlockedVersions(List.of());

    public BlockedVersions {
        entries = List.copyOf(entries);
    }

    /**
     * Parses the annotation form {@code <alias>=<tag>[@<digest>][,…]} (the
     * {@code argocd-image-updater.argoproj.io/blocked-versions} annotation); entries without {@code =} are ignored.
     */
    public static BlockedVersions parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : text.split(",")) {
            String entry = part.strip();
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                continue;
            }
            String version = entry.substring(eq + 1).strip();
            int at = version.indexOf('@');
            entries.add(new Entry(
                    entry.substring(0, eq).strip(),
                    null,
                    at < 0 ? version : version.substring(0, at),
                    at < 0 ? null : version.substring(at + 1)));
        }
        return new BlockedVersions(entries);
    }

    /** The tags of image {@code alias} (repository {@code image}) that are not blocked, in their order. */
    public List<Tag> unblocked(String alias, String image, List<Tag> tags) {
        if (entries.isEmpty()) {
            return tags;
        }
        return tags.stream().filter(tag -> !blocks(alias, image, tag)).toList();
    }

    /** Whether {@code tag} of image {@code alias} (repository {@code image}) is blocked. */
    public boolean blocks(String alias, String image, Tag tag) {
        return entries.stream().anyMatch(entry -> entry.blocks(alias, image, tag));
    }

    /** These entries and {@code entry}, unless an equal one is already here. */
    public BlockedVersions with(Entry entry) {
        if (entries.contains(entry)) {
            return this;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new BlockedVersions(all);
    }

    /** The annotation form. */
    @Override
    public String toString() {
        return String.join(",", entries.stream().map(Entry::toString).toList());
    }

    /**
     * @param alias  the image's alias
     * @param image  the repository ({@code registry/name}), or {@code null} for any repository of the alias
     * @param tag    the blocked tag
     * @param digest the digest it pointed to when blocked, or {@code null}
     */
    public record Entry(String alias, String image, String tag, String digest) {
        boolean blocks(String wantedAlias, String wantedImage, Tag candidate) {
            return alias.equals(wantedAlias)
                    && (image == null || wantedImage == null || image.equals(wantedImage))
                    && tag.equals(candidate.name())
                    && (digest == null || candidate.digest() == null || digest.equals(candidate.digest()));
        }

        @Override
        public String toString() {
            return alias + "=" + tag + (digest == null ? "" : "@" + digest);
        }
    }
}
