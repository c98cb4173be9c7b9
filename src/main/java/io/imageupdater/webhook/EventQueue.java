package io.imageupdater.webhook;

import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.updater.CycleResult;
import io.imageupdater.updater.CycleTarget;
import io.imageupdater.updater.ImageOutcome;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Repositories waiting for a look-up, and the one worker that looks them up. An event for a repository already
 * waiting joins it (coalesced); one for a repository being looked up waits for one more look-up after it. The worker
 * takes everything waiting as one targeted cycle (so repositories are looked up concurrently, within the registries'
 * limits), first letting a burst gather ({@code settle}) and never starting cycles closer than {@code spacing}
 * apart, so a burst of pushes costs one or two look-ups, not one per push. At most {@code capacity} repositories wait.
 */
final class EventQueue implements AutoCloseable {

    enum Offer {
        ACCEPTED,
        COALESCED,
        FULL
    }

    /** A repository waiting: its first event, the type that sent it, when it arrived, and how many events joined. */
    private record Waiting(RegistryEvent first, WebhookType type, long receivedNanos, int events) {
        Waiting joined() {
            return new Waiting(first, type, receivedNanos, events + 1);
        }
    }

    private final int capacity;
    private final Duration settle;
    private final Duration spacing;
    private final Function<CycleTarget, Optional<CycleResult>> cycles;
    private final UpdaterMetrics metrics;
    private final Map<ImageRef, Waiting> waiting = new LinkedHashMap<>();
    private final Thread worker;
    private boolean closed;

    EventQueue(
            int capacity,
            Duration settle,
            Duration spacing,
            Function<CycleTarget, Optional<CycleResult>> cycles,
            UpdaterMetrics metrics) {
        if (capacity < 1) {
            throw new WebhookConfigException("webhook-queue-size: must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.settle = settle;
        this.spacing = spacing;
        this.cycles = cycles;
        this.metrics = metrics;
        this.worker = Thread.ofVirtual().name("webhook-events").start(this::work);
    }

    /** Queues a look-up of the event's repository, or joins the one waiting. */
    synchronized Offer offer(WebhookType type, RegistryEvent event, long receivedNanos) {
        ImageRef key = key(event.image());
        Waiting found = waiting.get(key);
        if (found != null) {
            waiting.put(key, found.joined());
            return Offer.COALESCED;
        }
        if (closed || waiting.size() >= capacity) {
            return Offer.FULL;
        }
        waiting.put(key, new Waiting(event, type, receivedNanos, 1));
        notifyAll();
        return Offer.ACCEPTED;
    }

    /** How many repositories wait for a look-up. */
    synchronized int size() {
        return waiting.size();
    }

    private static ImageRef key(ImageRef image) {
        return new ImageRef(ImageRef.canonicalHost(image.registryHost()), image.repository(), null, null);
    }

    private void work() {
        long lastStart = System.nanoTime() - spacing.toNanos();
        try {
            while (true) {
                synchronized (this) {
                    while (waiting.isEmpty() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                Thread.sleep(settle);
                long early = lastStart + spacing.toNanos() - System.nanoTime();
                if (early > 0) {
                    Thread.sleep(Duration.ofNanos(early));
                }
                Map<ImageRef, Waiting> batch;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    batch = new LinkedHashMap<>(waiting);
                    waiting.clear();
                }
                lastStart = System.nanoTime();
                process(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One targeted cycle for the batch; whatever happens is logged and counted, never thrown. */
    private void process(Map<ImageRef, Waiting> batch) {
        Optional<CycleResult> result;
        try {
            result = cycles.apply(CycleTarget.of(batch.keySet()));
        } catch (RuntimeException e) {
            Log.errorf(e, "webhook: the targeted update cycle for %s failed", batch.keySet());
            result = null;
        }
        long done = System.nanoTime();
        for (Map.Entry<ImageRef, Waiting> entry : batch.entrySet()) {
            Waiting item = entry.getValue();
            String type = item.type().value();
            Duration took = Duration.ofNanos(done - item.receivedNanos());
            if (result == null || result.isEmpty()) {
                metrics.webhookEvent(type, "failed");
                Log.warnf(
                        "webhook: %s event %s not processed: %s",
                        type,
                        item.first(),
                        result == null
                                ? "its targeted update cycle failed"
                                : "this replica no longer leads or is shutting down; polling catches up");
                continue;
            }
            metrics.webhookProcessed(type, took);
            long updated = result.get().applications().stream()
                    .flatMap(app -> app.images().stream())
                    .filter(outcome -> outcome.kind() == ImageOutcome.Kind.UPDATE
                            && outcome.change().to().sameRepository(entry.getKey()))
                    .count();
            Log.infof(
                    "webhook: %s event %s processed in %dms (%d event(s) coalesced): %d image(s) updated, "
                            + "%d application(s) in the targeted cycle",
                    type,
                    item.first(),
                    took.toMillis(),
                    item.events(),
                    updated,
                    result.get().applications().size());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
