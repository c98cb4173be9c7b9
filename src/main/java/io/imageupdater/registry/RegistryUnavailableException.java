package io.imageupdater.registry;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** The registry could not be reached or sent something we could not read. */
public class RegistryUnavailableException extends RegistryException {

    /** From a failed request: the message says in plain words what went wrong (refused, timed out, TLS …). */
    public RegistryUnavailableException(String registry, String repository, String what, Throwable cause) {
        super("registry " + registry + " " + describe(cause) + " (" + what + " for repository " + repository + ")",
                cause);
    }

    /** Without a cause, for answers whose content must not reach a message (token responses). */
    public RegistryUnavailableException(String registry, String repository, String what, String reason) {
        super(what + " for repository " + repository + " on registry " + registry + " failed: " + reason);
    }

    /** Plain words for a transport failure, from the innermost cause we recognise. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof UnknownHostException) {
                return "is unreachable: unknown host";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "is unreachable: " + (message.contains("refused") ? "connection refused"
                        : message.contains("timed out") ? "connect timed out" : "cannot connect");
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout") || message.contains("timed out")
                    || message.contains("timeout")) {
                return "did not answer in time";
            }
            if (t instanceof SSLException) {
                return "failed the TLS handshake: " + t.getMessage();
            }
            if (t instanceof ClosedChannelException || message.contains("connection was closed")
                    || message.contains("connection reset") || message.contains("closed")) {
                return "closed the connection before answering completely";
            }
        }
        return "failed: " + (failure instanceof ProcessingException && failure.getCause() != null
                ? failure.getCause().getClass().getSimpleName() : failure.getClass().getSimpleName());
    }
}
