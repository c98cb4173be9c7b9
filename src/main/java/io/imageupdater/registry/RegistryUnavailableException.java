package io.imageupdater.registry;

import io.imageupdater.TransportFailure;
import jakarta.ws.rs.ProcessingException;

/** The registry could not be reached or sent something we could not read. */
public class RegistryUnavailableException extends RegistryException {

    /** From a failed request: the message says in plain words what went wrong (refused, timed out, TLS …). */
    public RegistryUnavailableException(String registry, String repository, String what, Throwable cause) {
        super(
                "registry " + registry + " " + describe(cause) + " (" + what + " for repository " + repository + ")",
                cause);
    }

    /** Without a cause, for answers whose content must not reach a message (token responses). */
    public RegistryUnavailableException(String registry, String repository, String what, String reason) {
        super(what + " for repository " + repository + " on registry " + registry + " failed: " + reason);
    }

    /** Plain words for a transport failure, from the innermost cause we recognise. */
    static String describe(Throwable failure) {
        return TransportFailure.of(failure)
                .map(RegistryUnavailableException::describe)
                .orElseGet(() -> "failed: "
                        + (failure instanceof ProcessingException && failure.getCause() != null
                                ? failure.getCause().getClass().getSimpleName()
                                : failure.getClass().getSimpleName()));
    }

    private static String describe(TransportFailure failure) {
        return switch (failure.kind()) {
            case UNKNOWN_HOST, REFUSED, CONNECT_TIMEOUT, CANNOT_CONNECT -> "is unreachable: " + failure.words();
            case TIMEOUT -> "did not answer in time";
            case TLS -> "failed the TLS handshake: " + failure.detail();
            case CLOSED -> "closed the connection before answering completely";
        };
    }
}
