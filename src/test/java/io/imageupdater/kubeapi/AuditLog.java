package io.imageupdater.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The API server's audit log (one JSON event per line) for the writes of one user: what was sent, and whether the
 * server took it. {@link #apiServerFlags} records every request of ServiceAccounts with their bodies.
 */
final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One audited request. */
    record Entry(
            String verb,
            String resource,
            String subresource,
            String namespace,
            String name,
            int code,
            JsonNode request) {
        boolean isWrite() {
            return List.of("create", "update", "patch", "delete").contains(verb);
        }

        String describe() {
            return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource) + " " + namespace + "/"
                    + name + " -> " + code;
        }
    }

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /** Flags for {@link io.imageupdater.testing.KubeApi#start}: log ServiceAccount requests with their bodies. */
    static String[] apiServerFlags(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file(dir)); // a fresh etcd: a fresh log
            Path policy = dir.resolve("audit-policy.yaml");
            Files.writeString(policy, """
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    omitStages: [RequestReceived]
                    rules:
                    - level: Request
                      userGroups: [system:serviceaccounts]
                    - level: None
                    """);
            return new String[] {
                "--audit-policy-file",
                policy.toString(),
                "--audit-log-path",
                dir.resolve("audit.log").toString()
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(Path dir) {
        return dir.resolve("audit.log");
    }

    /** The completed requests of {@code user}, oldest first. */
    List<Entry> of(String user) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                JsonNode event = JSON.readTree(line);
                if (!"ResponseComplete".equals(event.path("stage").asText())
                        || !user.equals(event.path("user").path("username").asText())) {
                    continue;
                }
                JsonNode ref = event.path("objectRef");
                entries.add(new Entry(
                        event.path("verb").asText(),
                        ref.path("resource").asText(),
                        ref.path("subresource").asText(),
                        ref.path("namespace").asText(),
                        ref.path("name").asText(),
                        event.path("responseStatus").path("code").asInt(),
                        event.get("requestObject")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * What of {@code written} is not in {@code stored}: for a JSON Patch, each {@code add}/{@code replace} value at
     * its path; for an object (a merge patch, an update or a create), every field it sets, recursively. An empty
     * list means nothing was pruned or changed on the way.
     */
    static List<String> missing(JsonNode written, JsonNode stored) {
        List<String> missing = new ArrayList<>();
        if (written.isArray()) {
            for (JsonNode op : written) {
                String kind = op.path("op").asText();
                if (!kind.equals("add") && !kind.equals("replace")) {
                    continue;
                }
                String path = op.path("path").asText();
                if (path.endsWith("/-")) {
                    JsonNode array = stored.at(path.substring(0, path.length() - 2));
                    boolean found = false;
                    for (JsonNode element : array) {
                        found |= contained(op.get("value"), element, path, new ArrayList<>());
                    }
                    if (!found) {
                        missing.add(path + ": " + op.get("value") + " not in " + array);
                    }
                } else {
                    contained(op.get("value"), stored.at(path), path, missing);
                }
            }
        } else {
            contained(written, stored, "", missing);
        }
        return missing;
    }

    private static boolean contained(JsonNode written, JsonNode stored, String path, List<String> missing) {
        int before = missing.size();
        if (written == null || written.isNull()) {
            return true;
        }
        if (stored == null || stored.isMissingNode() || stored.isNull()) {
            missing.add(path + ": written " + written + ", not stored");
        } else if (written.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (path.equals("/metadata")
                        && List.of("resourceVersion", "managedFields", "creationTimestamp", "generation", "uid")
                                .contains(field.getKey())) {
                    continue;
                }
                contained(field.getValue(), stored.get(field.getKey()), path + "/" + field.getKey(), missing);
            }
        } else if (written.isArray()) {
            if (!stored.isArray() || stored.size() != written.size()) {
                missing.add(path + ": written " + written + ", stored " + stored);
            } else {
                for (int i = 0; i < written.size(); i++) {
                    contained(written.get(i), stored.get(i), path + "/" + i, missing);
                }
            }
        } else if (written.isNumber() && stored.isNumber()) {
            if (written.decimalValue().compareTo(stored.decimalValue()) != 0) {
                missing.add(path + ": written " + written + ", stored " + stored);
            }
        } else if (!written.asText().equals(stored.asText())) {
            missing.add(path + ": written " + written + ", stored " + stored);
        }
        return missing.size() == before;
    }
}
