package io.imageupdater.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Who may read the page and the API: anyone, or whoever sends {@code Authorization: Bearer <token>}. */
record Access(Optional<String> token) {

    static Access of(Optional<String> configured) {
        return new Access(configured.map(String::strip).filter(token -> !token.isEmpty()));
    }

    /** Whether a request with this {@code Authorization} header (or {@code null}) may read. */
    boolean allows(String authorization) {
        if (token.isEmpty()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String header = authorization.strip();
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] sent = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, token.get().getBytes(StandardCharsets.UTF_8));
    }
}
