package io.imageupdater.view;

import io.imageupdater.updater.WebhookStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A webhook receiver's status as the webhook feature will provide it; only in tests whose profile enables it (the
 * real one comes with the webhook feature).
 */
@Alternative
@ApplicationScoped
public class FakeWebhookStatus implements WebhookStatus {
    static final String SUMMARY =
            "3 events, last 2026-01-01T00:00:00Z from https://hooks.example.com/x?secret=hook-secret-1: accepted";

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String summary() {
        return SUMMARY;
    }
}
