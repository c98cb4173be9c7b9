package io.imageupdater.webhook;

import io.imageupdater.metrics.UpdaterMetrics;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * What a {@code POST /webhook} gets: the type (query {@code type} or header {@code X-Registry-Type}) must be served,
 * the request must carry that type's secret, the replica must lead, the rate limit must allow it, the body must be
 * what that registry sends; then each tag push is queued and the answer is 202 at once. Nothing here logs a secret,
 * a query string or a header.
 */
final class WebhookReceiver {

    /** The HTTP answer: status, a one-line text body, and for 429/503 the seconds to wait before retrying. */
    record Answer(int status, String body, Long retryAfterSeconds) {
        static Answer of(int status, String body) {
            return new Answer(status, body, null);
        }
    }

    /** Seconds a registry is told to wait before retrying a 503. */
    static final long RETRY_AFTER_SECONDS = 30;

    private final Map<WebhookType, Optional<String>> served;
    private final BooleanSupplier leading;
    private final RateLimit rateLimit;
    private final EventQueue queue;
    private final UpdaterMetrics metrics;

    /**
     * @param served  the types served, each with its secret (empty: the type is served without authentication)
     * @param leading whether this replica runs cycles (a standby answers 503)
     */
    WebhookReceiver(
            Map<WebhookType, Optional<String>> served,
            BooleanSupplier leading,
            RateLimit rateLimit,
            EventQueue queue,
            UpdaterMetrics metrics) {
        this.served = Map.copyOf(served);
        this.leading = leading;
        this.rateLimit = rateLimit;
        this.queue = queue;
        this.metrics = metrics;
    }

    Answer receive(WebhookRequest request, long receivedNanos) {
        String name = request.parameter("type");
        if (name == null || name.isBlank()) {
            name = request.header("X-Registry-Type");
        }
        WebhookType type = name == null ? null : WebhookType.of(name.strip()).orElse(null);
        if (type == null || !served.containsKey(type)) {
            metrics.webhookEvent("unknown", "rejected");
            String known =
                    served.keySet().stream().map(WebhookType::value).sorted().collect(Collectors.joining(", "));
            return Answer.of(
                    400,
                    (name == null || name.isBlank() ? "missing registry type" : "unsupported registry type")
                            + "; served types: " + known);
        }
        Optional<String> secret = served.get(type);
        if (secret.isPresent() && !type.format().authentic(request, secret.get())) {
            metrics.webhookEvent(type.value(), "rejected");
            Log.warnf("webhook: %s request without a valid secret; rejected", type.value());
            return Answer.of(401, "not authenticated");
        }
        if (!leading.getAsBoolean()) {
            metrics.webhookEvent(type.value(), "failed");
            Log.debugf("webhook: %s request while standing by; answered 503", type.value());
            return new Answer(503, "this replica is standing by; retry to reach the leader", RETRY_AFTER_SECONDS);
        }
        Optional<Duration> limited = rateLimit.acquire();
        if (limited.isPresent()) {
            metrics.webhookEvent(type.value(), "rejected");
            Log.warnf("webhook: %s request over webhook-ratelimit-allowed; answered 429", type.value());
            return new Answer(
                    429, "rate limit exceeded", Math.max(1, limited.get().toSeconds() + 1));
        }
        List<RegistryEvent> events;
        try {
            events = withRegistryOverride(type.format().events(request), request.parameter("registry_url"));
        } catch (MalformedPayloadException e) {
            metrics.webhookEvent(type.value(), "rejected");
            Log.warnf("webhook: %s request with a malformed body: %s", type.value(), e.getMessage());
            return Answer.of(400, "malformed payload: " + e.getMessage());
        }
        if (events.isEmpty()) {
            metrics.webhookEvent(type.value(), "ignored");
            Log.debugf("webhook: %s request reports no tag push; ignored", type.value());
            return Answer.of(200, "ignored: no tag push in the payload");
        }
        return enqueue(type, events, receivedNanos);
    }

    private Answer enqueue(WebhookType type, List<RegistryEvent> events, long receivedNanos) {
        boolean full = false;
        for (RegistryEvent event : events) {
            EventQueue.Offer offer = queue.offer(type, event, receivedNanos);
            switch (offer) {
                case ACCEPTED -> {
                    metrics.webhookEvent(type.value(), "accepted");
                    Log.debugf("webhook: %s event %s queued", type.value(), event);
                }
                case COALESCED -> {
                    metrics.webhookEvent(type.value(), "coalesced");
                    Log.debugf("webhook: %s event %s joins the look-up already waiting", type.value(), event);
                }
                case FULL -> {
                    metrics.webhookEvent(type.value(), "failed");
                    Log.warnf("webhook: %s event %s not queued: the queue is full", type.value(), event);
                    full = true;
                }
            }
        }
        if (full) {
            return new Answer(503, "too many repositories waiting for a look-up; retry later", RETRY_AFTER_SECONDS);
        }
        return Answer.of(202, "accepted");
    }

    /** {@code registry_url}: the registry host the events are about, when the payload names another or none. */
    private static List<RegistryEvent> withRegistryOverride(List<RegistryEvent> events, String registryUrl) {
        String host = Payloads.host(registryUrl);
        if (host.isEmpty()) {
            return events;
        }
        List<RegistryEvent> overridden = new ArrayList<>();
        for (RegistryEvent event : events) {
            overridden.add(new RegistryEvent(host, event.repository(), event.tag(), event.digest()));
        }
        return overridden;
    }
}
