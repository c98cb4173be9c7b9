package io.imageupdater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock API server's CRUD dispatcher, counting requests by kind. It also plays Argo CD's part after a write: when an
 * Application is updated, its {@code status.summary.images} follows the Kustomize images of its spec at once, as if
 * Argo CD had synced it, so the next cycle sees a fleet in steady state. It also sums the time spent answering
 * ({@value #BUSY_MILLIS}): the mock serialises writes, so on a busy machine it can bound a cycle with many changes.
 */
final class CountingDispatcher extends KubernetesCrudDispatcher {
    static final List<String> KINDS =
            List.of("lists", "imageUpdaterLists", "accessChecks", "gets", "updates", "patches", "events", "other");
    static final String BUSY_MILLIS = "mockBusyMillis";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong busyNanos = new AtomicLong();

    CountingDispatcher() {
        KINDS.forEach(kind -> counts.put(kind, new AtomicLong()));
    }

    Map<String, Long> counts() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        KINDS.forEach(kind -> snapshot.put(kind, counts.get(kind).get()));
        snapshot.put(BUSY_MILLIS, busyNanos.get() / 1_000_000);
        return snapshot;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        counts.get(kind(request.getMethod(), request.getPath())).incrementAndGet();
        long start = System.nanoTime();
        try {
            return super.dispatch(request);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - start);
        }
    }

    static String kind(String method, String path) {
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q + 1);
        String plain = q < 0 ? path : path.substring(0, q);
        if (plain.endsWith("/events")) {
            return "events";
        }
        if (plain.endsWith("/imageupdaters") && method.equals("GET")) {
            return "imageUpdaterLists";
        }
        boolean collection = plain.endsWith("/applications");
        return switch (method) {
            case "GET" ->
                collection
                        ? (query.contains("limit=1") && !query.contains("watch") ? "accessChecks" : "lists")
                        : plain.contains("/applications/") ? "gets" : "other";
            case "PUT" -> "updates";
            case "PATCH" -> "patches";
            default -> "other";
        };
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        if (!request.getPath().contains("/applications/")) {
            return super.handleUpdate(request);
        }
        try {
            ObjectNode application = (ObjectNode) json.readTree(request.getUtf8Body());
            if (application.at("/spec/source/kustomize/images") instanceof ArrayNode images) {
                ObjectNode summary = application.with("status").with("summary");
                ArrayNode live = summary.putArray("images");
                images.forEach(image ->
                        live.add(image.asText().substring(image.asText().indexOf('=') + 1)));
            }
            byte[] body = json.writeValueAsBytes(application);
            return super.handleUpdate(new RecordedRequest(
                    request.getHttpVersion(),
                    request.method(),
                    request.getPath(),
                    request.getHeaders(),
                    new Buffer(body)));
        } catch (IOException | ClassCastException e) {
            return super.handleUpdate(request);
        }
    }
}
