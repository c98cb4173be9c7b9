package io.imageupdater.writeback.git;

import io.imageupdater.ImageUpdaterException;

/** A commit message or branch template uses something the template subset does not support. */
public class InvalidTemplateException extends ImageUpdaterException {
    public InvalidTemplateException(String template, String problem) {
        super("template \"" + abbreviate(template) + "\": " + problem);
    }

    private static String abbreviate(String template) {
        String line = template.strip().lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }
}
