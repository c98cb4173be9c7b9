package io.imageupdater.updater;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.argocd.Annotations;
import io.imageupdater.argocd.ArgoApplication;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the updater remembers about each image of an Application between cycles, kept on the Application itself (the
 * {@code argocd-image-updater.argoproj.io/safety-state} annotation, JSON by alias), so a restarted updater carries on:
 * what it last wrote (to recognise a manual rollback), how long to watch that write's health, when a pin was first
 * seen, and which update is pending since when.
 *
 * @param images one record per alias
 */
record SafetyState(Map<String, ImageRecord> images) {
    static final SafetyState EMPTY = new SafetyState(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, ImageRecord>> TYPE = new TypeReference<>() {};

    SafetyState {
        images = Map.copyOf(images);
    }

    /** Reads the annotation; a value that is not the updater's JSON counts as empty (and is replaced on next write). */
    static SafetyState parse(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            Map<String, ImageRecord> images = JSON.readValue(json, TYPE);
            images.values().removeIf(Objects::isNull);
            return new SafetyState(images);
        } catch (JsonProcessingException e) {
            return EMPTY;
        }
    }

    /** Whether the Application's safety record watches the health of a write at {@code now}. */
    static boolean watching(ArgoApplication app, Instant now) {
        return parse(app.annotations().get(Annotations.SAFETY_STATE)).images().values().stream()
                .anyMatch(record -> record.watched(now));
    }

    ImageRecord get(String alias) {
        return images.get(alias);
    }

    SafetyState with(String alias, ImageRecord record) {
        Map<String, ImageRecord> next = new TreeMap<>(images);
        if (record == null || record.isEmpty()) {
            next.remove(alias);
        } else {
            next.put(alias, record);
        }
        return new SafetyState(next);
    }

    /** The annotation value, or {@code null} when there is nothing to remember. */
    String json() {
        if (images.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(images));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the safety state", e);
        }
    }

    /**
     * The record of one image. Times are RFC 3339.
     *
     * @param written    the version ({@code tag} or {@code tag@digest}) the updater last wrote
     * @param from       the version it replaced
     * @param at         when it was written
     * @param watchUntil until when the write's health is watched for a rollback, or {@code null}
     * @param pinnedAt   when a manual rollback of {@code written} was first seen, or {@code null}
     * @param pending    the version of an update waiting for a window or approval, or {@code null}
     * @param pendingAt  when that update was first decided
     * @param seenLive   when the Application was first seen naming {@code written} (its spec for {@code argocd}
     *                   write-back, its live images for {@code git}); a manual rollback is recognised only after
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ImageRecord(
            String written,
            String from,
            String at,
            String watchUntil,
            String pinnedAt,
            String pending,
            String pendingAt,
            String seenLive) {

        static final ImageRecord NONE = new ImageRecord(null, null, null, null, null, null, null, null);

        /** A write; {@code seenLive} when the Application names it right away ({@code argocd} write-back). */
        static ImageRecord written(String written, String from, Instant at, Instant watchUntil, boolean seenLive) {
            return new ImageRecord(
                    written,
                    from,
                    at.toString(),
                    watchUntil == null ? null : watchUntil.toString(),
                    null,
                    null,
                    null,
                    seenLive ? at.toString() : null);
        }

        ImageRecord pinned(Instant time) {
            return new ImageRecord(written, from, at, watchUntil, time.toString(), pending, pendingAt, seenLive);
        }

        ImageRecord pending(String version, Instant time) {
            return new ImageRecord(written, from, at, watchUntil, pinnedAt, version, time.toString(), seenLive);
        }

        ImageRecord withoutPending() {
            return new ImageRecord(written, from, at, watchUntil, pinnedAt, null, null, seenLive);
        }

        ImageRecord seen(Instant time) {
            return new ImageRecord(written, from, at, watchUntil, pinnedAt, pending, pendingAt, time.toString());
        }

        /** Forgets the last write (and so any pin on it), keeping a pending update. */
        ImageRecord resumed() {
            return new ImageRecord(null, null, null, null, null, pending, pendingAt, null);
        }

        /** Whether the write is still watched at {@code now}. */
        boolean watched(Instant now) {
            Instant until = instant(watchUntil);
            return written != null && until != null && now.isBefore(until);
        }

        Instant writtenAt() {
            return instant(at);
        }

        Instant pendingSince() {
            return instant(pendingAt);
        }

        boolean isEmpty() {
            return written == null && pending == null;
        }

        private static Instant instant(String text) {
            try {
                return text == null ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
