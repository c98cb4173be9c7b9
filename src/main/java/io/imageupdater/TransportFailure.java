package io.imageupdater;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A network failure in plain words, read from the innermost cause we recognise, for messages about a registry or the
 * Kubernetes API that name what happened instead of a client library's exception text.
 *
 * @param kind   what happened
 * @param detail the TLS error text for {@link Kind#TLS}, else {@code null}
 */
public record TransportFailure(Kind kind, String detail) {

    public enum Kind {
        UNKNOWN_HOST("unknown host"),
        REFUSED("connection refused"),
        CONNECT_TIMEOUT("connect timed out"),
        CANNOT_CONNECT("cannot connect"),
        TIMEOUT("timed out"),
        TLS("TLS handshake failed"),
        CLOSED("connection closed before the answer was complete");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    public static Optional<TransportFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof UnknownHostException) {
                return Optional.of(new TransportFailure(Kind.UNKNOWN_HOST, null));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                Kind kind = message.contains("refused")
                        ? Kind.REFUSED
                        : message.contains("timed out") ? Kind.CONNECT_TIMEOUT : Kind.CANNOT_CONNECT;
                return Optional.of(new TransportFailure(kind, null));
            }
            if (t instanceof SocketTimeoutException
                    || t instanceof TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")
                    || message.contains("timed out")
                    || message.contains("timeout")) {
                return Optional.of(new TransportFailure(Kind.TIMEOUT, null));
            }
            if (t instanceof SSLException) {
                return Optional.of(new TransportFailure(Kind.TLS, t.getMessage()));
            }
            if (t instanceof ClosedChannelException
                    || message.contains("connection was closed")
                    || message.contains("connection reset")
                    || message.contains("closed")) {
                return Optional.of(new TransportFailure(Kind.CLOSED, null));
            }
        }
        return Optional.empty();
    }

    /** The failure in words: {@code connection refused}, {@code TLS handshake failed: …}. */
    public String words() {
        return detail == null ? kind.words : kind.words + ": " + detail;
    }
}
