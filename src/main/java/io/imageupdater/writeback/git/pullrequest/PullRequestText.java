package io.imageupdater.writeback.git.pullrequest;

import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import io.imageupdater.writeback.git.PullRequests;

/**
 * Title and body of a pull request: the commit message's first line and the rest, then a table of every image
 * change (old and new version, with digests where known) and the Applications it serves, each cut to the provider's
 * limits.
 */
record PullRequestText(String title, String body) {
    /** How long a provider lets a title and a body be (in characters). */
    record Limits(int title, int body) {}

    static PullRequestText of(PullRequests.Proposal proposal, Limits limits) {
        String message = proposal.message().strip();
        int newline = message.indexOf('\n');
        String title = (newline < 0 ? message : message.substring(0, newline)).strip();
        String rest = newline < 0 ? "" : message.substring(newline + 1).strip();
        StringBuilder body = new StringBuilder();
        if (!rest.isEmpty()) {
            body.append(rest).append("\n\n");
        }
        body.append("| Image | From | To |\n| --- | --- | --- |\n");
        for (PlannedChange planned : proposal.changes()) {
            ImageChange change = planned.change();
            body.append("| `")
                    .append(change.to().nameWithRegistry())
                    .append("` | ")
                    .append(version(change.from()))
                    .append(" | ")
                    .append(version(change.to()))
                    .append(" |\n");
        }
        body.append("\nApplications: ")
                .append(String.join(", ", proposal.applications()))
                .append('\n');
        body.append("\n---\nOpened by image-updater; it updates this pull request when newer versions appear and "
                + "closes it when the base branch already has these changes.\n");
        return new PullRequestText(
                cut(title.isEmpty() ? "Update images" : title, limits.title()), cut(body.toString(), limits.body()));
    }

    private static String version(ImageRef image) {
        if (image == null) {
            return "(none)";
        }
        String tag = image.tag();
        String digest = image.digest();
        if (tag != null && digest != null) {
            return "`" + tag + "` (`" + digest + "`)";
        }
        return "`" + ImageChange.version(image) + "`";
    }

    /** At most {@code max} characters, never splitting a surrogate pair; an ellipsis marks the cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
