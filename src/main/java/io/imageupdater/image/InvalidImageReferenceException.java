package io.imageupdater.image;

import io.imageupdater.ImageUpdaterException;

/** A text that is not a valid image reference or image-list entry. */
public class InvalidImageReferenceException extends ImageUpdaterException {
    private final String problem;

    public InvalidImageReferenceException(String text, String problem) {
        super("invalid image reference \"" + text + "\": " + problem);
        this.problem = problem;
    }

    /** What is wrong, without the text. */
    public String problem() {
        return problem;
    }
}
