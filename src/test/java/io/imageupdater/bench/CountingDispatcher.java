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
    static final List<String> KINDS = List.of(
            "lists", "watches", "imageUpdaterLists", "accessChecks", "gets", "updates", "patches", "events", "other");
    static final String BUSY_MILLIS = "mockBusyMillis";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong busyNanos = new AtomicLong();
    private final Map<String, ObjectNode> pages = new ConcurrentHashMap<>();

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
        boolean watch = query.contains("watch=true");
        if (plain.endsWith("/imageupdaters") && method.equals("GET")) {
            return watch ? "watches" : "imageUpdaterLists";
        }
        boolean collection = plain.endsWith("/applications");
        if (collection && watch) {
            return "watches";
        }
        return switch (method) {
            case "GET" ->
                collection
                        ? (query.matches("(.*&)?limit=1(&.*)?") && !watch ? "accessChecks" : "lists")
                        : plain.contains("/applications/") ? "gets" : "other";
            case "PUT" -> "updates";
            case "PATCH" -> "patches";
            default -> "other";
        };
    }

    /**
     * Lists served in pages as the API server does ({@code limit}, {@code continue}); the mock ignores both. The whole
     * list is read once, on the first page, and the rest of it kept until its last page is served.
     */
    @Override
    public MockResponse handleGet(String path) {
        int q = path.indexOf('?');
        if (q < 0 || !path.substring(0, q).endsWith("s") || path.contains("watch=true")) {
            return super.handleGet(path);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : path.substring(q + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        String limit = query.remove("limit");
        String token = query.remove("continue");
        if (limit == null || limit.isEmpty()) {
            return super.handleGet(path);
        }
        try {
            ObjectNode list;
            int offset;
            String id;
            if (token == null || token.isEmpty()) {
                StringBuilder rest = new StringBuilder(path.substring(0, q));
                query.forEach((k, v) -> rest.append(rest.indexOf("?") < 0 ? "?" : "&")
                        .append(k)
                        .append('=')
                        .append(v));
                MockResponse full = super.handleGet(rest.toString());
                if (full.code() != 200) {
                    return full;
                }
                list = (ObjectNode) json.readTree(full.getBody().getBytes());
                offset = 0;
                id = java.util.UUID.randomUUID().toString();
            } else {
                String[] parts = token.split("-at-");
                id = parts[0];
                offset = Integer.parseInt(parts[1]);
                list = pages.get(id);
                if (list == null) {
                    return new MockResponse().setResponseCode(410).setBody("{\"kind\":\"Status\",\"code\":410}");
                }
            }
            ArrayNode items = (ArrayNode) list.path("items");
            int end = Math.min(items.size(), offset + Integer.parseInt(limit));
            ObjectNode page = json.createObjectNode();
            list.properties().forEach(field -> {
                if (!field.getKey().equals("items")) {
                    page.set(field.getKey(), field.getValue().deepCopy());
                }
            });
            ArrayNode slice = page.putArray("items");
            for (int i = offset; i < end; i++) {
                slice.add(items.get(i));
            }
            ObjectNode metadata = page.with("metadata");
            if (end < items.size()) {
                pages.put(id, list);
                metadata.put("continue", id + "-at-" + end);
            } else {
                pages.remove(id);
                metadata.remove("continue");
            }
            return new MockResponse().setResponseCode(200).setBody(json.writeValueAsBytes(page));
        } catch (IOException | RuntimeException e) {
            return super.handleGet(path);
        }
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
