package io.imageupdater.writeback.git;

import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageRef;
import io.imageupdater.writeback.PlannedChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commit message of a Git write-back, rendered from a template with {@code .AppName} and
 * {@code .AppChanges} (each with {@code .Image}, {@code .OldTag}, {@code .NewTag}). When one commit carries
 * several Applications, {@code .AppName} lists them all, comma-separated, and {@code .AppChanges} holds the
 * changes of all of them.
 */
public final class CommitMessage {
    /** Used when no template file is configured. */
    public static final String DEFAULT_TEMPLATE = """
            chore(image-updater): new image versions for {{.AppName}}

            {{range .AppChanges -}}
            * {{.Image}}: {{.OldTag}} -> {{.NewTag}}
            {{end -}}
            """;

    private final TextTemplate template;

    private CommitMessage(TextTemplate template) {
        this.template = template;
    }

    public static CommitMessage ofTemplate(String text) {
        return new CommitMessage(TextTemplate.parse(text));
    }

    /** The template from the file, or the default when no file is given; a missing file is an error naming it. */
    public static CommitMessage fromFile(Optional<Path> file) {
        if (file.isEmpty()) {
            return ofTemplate(DEFAULT_TEMPLATE);
        }
        try {
            return ofTemplate(Files.readString(file.get()));
        } catch (IOException e) {
            throw new InvalidTemplateException(file.get().toString(), "cannot be read: " + e.getMessage());
        }
    }

    /** The message for the changes of the named Applications. */
    public String render(List<String> appNames, List<PlannedChange> changes) {
        return template.render(data(
                String.join(", ", appNames),
                changes.stream().map(PlannedChange::change).toList()));
    }

    /** The template's data; also used by the {@code template} command with sample changes. */
    public static Map<String, Object> data(String appName, List<ImageChange> changes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("AppName", appName);
        data.put(
                "AppChanges",
                changes.stream()
                        .map(change -> Map.of(
                                "Image", change.to().nameWithRegistry(),
                                "OldTag", version(change.from()),
                                "NewTag", version(change.to())))
                        .toList());
        return data;
    }

    public String render(Map<String, Object> data) {
        return template.render(data);
    }

    private static String version(ImageRef image) {
        return ImageChange.version(image);
    }
}
