package io.imageupdater.image;

import io.imageupdater.ImageUpdaterException;

/** A text that is not a valid image reference or image-list entry. */
public class InvalidImageReferenceException extends ImageUpdaterException {
    public InvalidImageReferenceException(String text, String problem) {
        super("invalid image reference \"" + text + "\": " + problem);
    }
}
