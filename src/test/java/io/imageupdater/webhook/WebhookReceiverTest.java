package io.imageupdater.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.updater.CycleResult;
import io.imageupdater.updater.CycleTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver and its queue without HTTP or Quarkus: what becomes of a request, and which targets cycles get. */
class WebhookReceiverTest {
    private static final String SECRET = "receiver-secret";
    private final UpdaterMetrics metrics = new UpdaterMetrics(new SimpleMeterRegistry());
    private final List<CycleTarget> targets = new CopyOnWriteArrayList<>();
    private EventQueue queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    private WebhookReceiver receiver(int capacity, Duration settle) {
        queue = new EventQueue(
                capacity,
                settle,
                Duration.ZERO,
                target -> {
                    targets.add(target);
                    return Optional.of(new CycleResult(List.of(), List.of(), Duration.ZERO));
                },
                metrics);
        return new WebhookReceiver(
                Map.of(WebhookType.ALIYUN_ACR, Optional.of(SECRET), WebhookType.DISTRIBUTION, Optional.of(SECRET)),
                () -> true,
                new RateLimit(0, System::nanoTime),
                queue,
                metrics);
    }

    @Test
    void registryUrlNamesTheRegistryTheEventIsAbout() throws Exception {
        WebhookReceiver receiver = receiver(10, Duration.ZERO);
        WebhookRequest request = Samples.request(
                WebhookType.ALIYUN_ACR, SECRET, "registry.cn-hangzhou.aliyuncs.com", "acme/web", "1.0.0");
        WebhookRequest overridden = new WebhookRequest(
                Map.of(
                        "type",
                        "aliyun-acr",
                        "secret",
                        SECRET,
                        "registry_url",
                        "corp-registry.cn-hangzhou.cr.aliyuncs.com"),
                request.headers(),
                request.body());

        assertEquals(202, receiver.receive(overridden, System.nanoTime()).status());

        WebhookScene.await(() -> !targets.isEmpty(), Duration.ofSeconds(10));
        assertTrue(targets.get(0).includes(ImageRef.parse("corp-registry.cn-hangzhou.cr.aliyuncs.com/acme/web")));
        assertTrue(!targets.get(0).includes(ImageRef.parse("registry.cn-hangzhou.aliyuncs.com/acme/web")));
    }

    @Test
    void eventsForOneRepositoryWaitingTogetherBecomeOneLookUpAndOneTarget() throws Exception {
        WebhookReceiver receiver = receiver(10, Duration.ofMillis(500));
        AtomicLong accepted = new AtomicLong();
        for (int i = 0; i < 20; i++) {
            WebhookRequest request =
                    Samples.request(WebhookType.DISTRIBUTION, SECRET, "registry.example.com", "acme/web", "1." + i);
            if (receiver.receive(request, System.nanoTime()).status() == 202) {
                accepted.incrementAndGet();
            }
        }
        receiver.receive(
                Samples.request(WebhookType.DISTRIBUTION, SECRET, "registry.example.com", "acme/api", "2.0"),
                System.nanoTime());

        WebhookScene.await(() -> !targets.isEmpty(), Duration.ofSeconds(10));
        Thread.sleep(300);
        assertEquals(20, accepted.get());
        assertEquals(1, targets.size(), "one targeted cycle for everything waiting");
        assertEquals(2, targets.get(0).repositories().size());
        assertEquals(2.0, metrics.webhookEvents("distribution", "accepted"), "web once, api once");
        assertEquals(19.0, metrics.webhookEvents("distribution", "coalesced"));
    }

    @Test
    void theQueueHoldsAtMostItsCapacityOfRepositories() {
        WebhookReceiver receiver = receiver(2, Duration.ofSeconds(5));

        List<Integer> statuses = List.of("acme/a", "acme/b", "acme/a", "acme/c").stream()
                .map(repository -> receiver.receive(
                                Samples.request(
                                        WebhookType.DISTRIBUTION, SECRET, "registry.example.com", repository, "1"),
                                System.nanoTime())
                        .status())
                .toList();

        assertEquals(List.of(202, 202, 202, 503), statuses);
        assertEquals(2, queue.size());
    }
}
