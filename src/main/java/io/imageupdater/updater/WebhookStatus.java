package io.imageupdater.updater;

/**
 * What the status page shows about the registry webhook receiver. The webhook feature provides a bean of this type;
 * without one, or while it is not {@link #enabled()}, the page shows nothing about webhooks.
 */
public interface WebhookStatus {
    /** Whether the receiver is on. */
    boolean enabled();

    /** One line for the page's header (events received, the last one's time and result); never a secret or a URL. */
    String summary();
}
