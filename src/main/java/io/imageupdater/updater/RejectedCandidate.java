package io.imageupdater.updater;

/**
 * A candidate tag that was newer than the one chosen but not eligible.
 *
 * @param tag    the tag
 * @param digest its digest, or {@code null}
 * @param reason why, as reported: {@code unsigned}, {@code bad signature}, {@code wrong identity}, {@code digest mismatch}
 * @param detail what was found
 */
public record RejectedCandidate(String tag, String digest, String reason, String detail) {}
