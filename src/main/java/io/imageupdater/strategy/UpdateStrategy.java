package io.imageupdater.strategy;

import java.util.Locale;
import java.util.Optional;

/** How the next version of an image is chosen; each strategy says what it needs to know about tags. */
public enum UpdateStrategy {
    SEMVER("semver", null, false),
    NEWEST_BUILD("newest-build", "latest", true),
    DIGEST("digest", null, true),
    ALPHABETICAL("alphabetical", "name", false);

    private final String value;
    private final String deprecatedAlias;
    private final boolean needsMetadata;

    UpdateStrategy(String value, String deprecatedAlias, boolean needsMetadata) {
        this.value = value;
        this.deprecatedAlias = deprecatedAlias;
        this.needsMetadata = needsMetadata;
    }

    /** The strategy named by an annotation or flag value (canonical name or deprecated alias), if any. */
    public static Optional<UpdateStrategy> fromValue(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (UpdateStrategy strategy : values()) {
            if (strategy.value.equals(wanted) || wanted.equals(strategy.deprecatedAlias)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} names this strategy by its deprecated alias ({@code latest}, {@code name}). */
    public boolean isDeprecatedAlias(String text) {
        return text != null && text.strip().equalsIgnoreCase(deprecatedAlias);
    }

    /** Whether choosing needs per-tag image metadata (digest, creation time, platforms). */
    public boolean needsMetadata() {
        return needsMetadata;
    }

    /** The canonical annotation value. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
