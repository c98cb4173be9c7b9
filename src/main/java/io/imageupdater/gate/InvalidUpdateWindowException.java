package io.imageupdater.gate;

import io.imageupdater.ImageUpdaterException;

/** An update window that cannot be read: its cron expression, duration or time zone. The message names it. */
public class InvalidUpdateWindowException extends ImageUpdaterException {
    public InvalidUpdateWindowException(String message) {
        super(message);
    }
}
