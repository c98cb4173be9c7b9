package io.imageupdater.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * A registry's answer, read completely: the connection is free again before anyone looks at it.
 *
 * @param status  the HTTP status
 * @param headers header values by lower-case name (repeated headers joined by commas)
 * @param body    the body ({@code byte[0]} for HEAD and for answers other than 2xx)
 * @param url     the URL that answered, after any redirects (relative links resolve against it)
 */
record HttpAnswer(int status, Map<String, String> headers, byte[] body, URI url) {

    HttpAnswer {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A header's value, or {@code null}. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
