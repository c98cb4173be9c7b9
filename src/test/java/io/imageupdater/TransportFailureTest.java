package io.imageupdater;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportFailureTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                row(
                        "refused, wrapped twice",
                        wrap(new ConnectException("Connection refused: /127.0.0.1:9")),
                        "connection refused"),
                row("connect timed out", new ConnectException("connect timed out"), "connect timed out"),
                row("no route", new ConnectException("No route to host"), "cannot connect"),
                row("unknown host", wrap(new UnknownHostException("kubernetes.default.svc")), "unknown host"),
                row("read timeout", new SocketTimeoutException("Read timed out"), "timed out"),
                row(
                        "TLS keeps its reason",
                        new SSLHandshakeException("PKIX path building failed"),
                        "TLS handshake failed: PKIX path building failed"),
                row(
                        "reset",
                        new IOException("Connection reset by peer"),
                        "connection closed before the answer was complete"),
                row("something else", new IllegalStateException("boom"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void namesWhatHappened(Throwable failure, String words) {
        assertEquals(Optional.ofNullable(words), TransportFailure.of(failure).map(TransportFailure::words));
    }

    private static RuntimeException wrap(Throwable cause) {
        return new RuntimeException("client failed", new IOException("request failed", cause));
    }

    private static Arguments row(String name, Throwable failure, String words) {
        return Arguments.of(Named.of(name, failure), words);
    }
}
