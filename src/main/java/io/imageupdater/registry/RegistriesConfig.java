package io.imageupdater.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imageupdater.GoDuration;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads Argo CD Image Updater's {@code registries.conf}: a top-level {@code registries:} list of endpoints.
 *
 * <p>Strict: unknown keys are errors, so a typo never silently falls back to a default.
 */
public final class RegistriesConfig {

    private static final Set<String> ENTRY_KEYS = Set.of(
            "name",
            "api_url",
            "prefix",
            "ping",
            "credentials",
            "credsexpire",
            "default",
            "insecure",
            "tagsortmode",
            "limit",
            "defaultns",
            "ca_file",
            "ca_data");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RegistriesConfig() {}

    public static List<RegistryEndpoint> load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new RegistryConfigException("registries configuration " + file + " does not exist", e);
        } catch (IOException e) {
            throw new RegistryConfigException(
                    "cannot read registries configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param sourceName the file name, for messages */
    public static List<RegistryEndpoint> parse(String yaml, String sourceName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new RegistryConfigException(
                    "registries configuration " + sourceName + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new RegistryConfigException(
                    "registries configuration " + sourceName + " must be a mapping with a " + "\"registries\" list");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("registries")) {
                throw new RegistryConfigException("unknown key \"" + key + "\" at the top level of registries "
                        + "configuration " + sourceName + " (expected only \"registries\")");
            }
        }
        JsonNode list = root.path("registries");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new RegistryConfigException("\"registries\" in " + sourceName + " must be a list");
        }
        List<RegistryEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            endpoints.add(entry(list.get(i), i + 1, sourceName));
        }
        checkUnique(endpoints, sourceName);
        return List.copyOf(endpoints);
    }

    private static RegistryEndpoint entry(JsonNode node, int number, String source) {
        Entry entry = new Entry(node, number, source);
        if (!node.isObject()) {
            throw entry.error("must be a mapping");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!ENTRY_KEYS.contains(key)) {
                throw entry.error("has unknown key \"" + key + "\"");
            }
        }
        String prefix = entry.text("prefix");
        String apiUrl = entry.text("api_url");
        if (prefix == null) {
            throw entry.error("has no prefix");
        }
        if (apiUrl == null) {
            throw entry.error("has no api_url");
        }
        try {
            return new RegistryEndpoint(
                    entry.text("name"),
                    prefix,
                    entry.uri(apiUrl),
                    entry.bool("ping", true),
                    entry.text("credentials"),
                    entry.duration("credsexpire"),
                    entry.bool("default", false),
                    entry.bool("insecure", false),
                    entry.sortMode(),
                    entry.number("limit"),
                    entry.text("defaultns"),
                    entry.caCertificates());
        } catch (IllegalArgumentException e) {
            throw entry.error(e.getMessage());
        }
    }

    private static void checkUnique(List<RegistryEndpoint> endpoints, String source) {
        List<String> defaults = endpoints.stream()
                .filter(RegistryEndpoint::isDefault)
                .map(RegistryEndpoint::prefix)
                .toList();
        if (defaults.size() > 1) {
            throw new RegistryConfigException("registries configuration " + source + " marks more than one registry "
                    + "as default: " + String.join(", ", defaults));
        }
        Set<String> seen = new java.util.HashSet<>();
        for (RegistryEndpoint endpoint : endpoints) {
            if (!seen.add(endpoint.prefix())) {
                throw new RegistryConfigException("registries configuration " + source + " lists prefix \""
                        + endpoint.prefix() + "\" more than once");
            }
        }
    }

    /** One list entry being read, so that every error names it and the file. */
    private record Entry(JsonNode node, int number, String source) {

        RegistryConfigException error(String problem) {
            JsonNode name = node.path("name");
            JsonNode prefix = node.path("prefix");
            String label = name.isTextual()
                    ? " (\"" + name.asText() + "\")"
                    : prefix.isTextual() ? " (prefix \"" + prefix.asText() + "\")" : "";
            return new RegistryConfigException("registry entry #" + number + label + " in " + source + " " + problem);
        }

        String text(String key) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isValueNode() || value.isBoolean()) {
                throw error("has a non-text value for \"" + key + "\"");
            }
            String text = value.asText().strip();
            return text.isEmpty() ? null : text;
        }

        boolean bool(String key, boolean fallback) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            return switch (value.asText().strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw error("has \"" + key + ": " + value.asText() + "\", which is not true or false");
            };
        }

        Double number(String key) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (value.isNumber()) {
                return value.doubleValue();
            }
            try {
                return Double.valueOf(value.asText().strip());
            } catch (NumberFormatException e) {
                throw error("has \"" + key + ": " + value.asText() + "\", which is not a number");
            }
        }

        Duration duration(String key) {
            String text = text(key);
            try {
                return text == null ? null : GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("has an invalid " + key + ": " + e.getMessage());
            }
        }

        /** {@code ca_data} (PEM text) and/or the PEM file named by {@code ca_file}, concatenated. */
        String caCertificates() {
            String data = text("ca_data");
            String file = text("ca_file");
            String fromFile = null;
            if (file != null) {
                try {
                    fromFile = Files.readString(Path.of(file));
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    throw error("has a ca_file " + file + " that cannot be read ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
            if (data == null || fromFile == null) {
                return data != null ? data : fromFile;
            }
            return data + "\n" + fromFile;
        }

        TagSortMode sortMode() {
            String text = text("tagsortmode");
            try {
                return text == null ? TagSortMode.NONE : TagSortMode.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("has an invalid tagsortmode: " + e.getMessage());
            }
        }

        URI uri(String text) {
            try {
                return new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            } catch (URISyntaxException e) {
                throw error("has an invalid api_url \"" + text + "\"");
            }
        }
    }
}
