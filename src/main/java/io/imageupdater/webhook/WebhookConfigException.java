package io.imageupdater.webhook;

import io.imageupdater.ImageUpdaterException;

/** A webhook setting that cannot work; the message names the setting. */
public class WebhookConfigException extends ImageUpdaterException {
    public WebhookConfigException(String message) {
        super(message);
    }

    public WebhookConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
