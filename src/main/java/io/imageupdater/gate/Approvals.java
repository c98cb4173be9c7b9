package io.imageupdater.gate;

import io.imageupdater.image.ImageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The approvals an Application carries: {@code argocd-image-updater.argoproj.io/approve: <alias>=<tag>[,…]}. An entry
 * approves exactly one version of one image: its tag (any digest), or {@code tag@digest} for that digest only. Pure.
 *
 * @param entries the entries as written, in order
 */
public record Approvals(List<Entry> entries) {
    public static final Approvals NONE = new Approvals(List.of());

    public Approvals {
        entries = List.copyOf(entries);
    }

    /** Parses the annotation's value; entries without {@code =} are ignored (and reported by {@link #ignored}). */
    public static Approvals parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : text.split(",")) {
            String entry = part.strip();
            int eq = entry.indexOf('=');
            entries.add(
                    eq <= 0 || eq == entry.length() - 1
                            ? new Entry(null, entry)
                            : new Entry(
                                    entry.substring(0, eq).strip(),
                                    entry.substring(eq + 1).strip()));
        }
        return new Approvals(entries);
    }

    /** Whether an entry approves writing {@code to} for the image {@code alias}. */
    public boolean approves(String alias, ImageRef to) {
        return entries.stream().anyMatch(entry -> entry.approves(alias, to));
    }

    /** These approvals without the ones used for {@code to} of {@code alias}; the annotation's value after the write. */
    public Approvals without(String alias, ImageRef to) {
        return new Approvals(
                entries.stream().filter(entry -> !entry.approves(alias, to)).toList());
    }

    /** Entries that are not {@code alias=tag}. */
    public List<String> ignored() {
        return entries.stream()
                .filter(entry -> entry.alias() == null && !entry.version().isEmpty())
                .map(Entry::version)
                .toList();
    }

    public boolean isEmpty() {
        return entries.stream().allMatch(entry -> entry.version().isEmpty());
    }

    /** The annotation form. */
    @Override
    public String toString() {
        return String.join(
                ",",
                entries.stream()
                        .filter(entry -> !entry.version().isEmpty())
                        .map(Entry::toString)
                        .toList());
    }

    /**
     * @param alias   the image's alias, or {@code null} for an entry that is not {@code alias=tag}
     * @param version {@code tag} or {@code tag@digest}
     */
    public record Entry(String alias, String version) {
        boolean approves(String wanted, ImageRef to) {
            if (alias == null || !alias.equals(wanted) || to.tag() == null) {
                return false;
            }
            int at = version.indexOf('@');
            if (at < 0) {
                return version.equals(to.tag());
            }
            return version.substring(0, at).equals(to.tag())
                    && version.substring(at + 1).equals(to.digest());
        }

        @Override
        public String toString() {
            return alias == null ? version : alias + "=" + version;
        }
    }
}
