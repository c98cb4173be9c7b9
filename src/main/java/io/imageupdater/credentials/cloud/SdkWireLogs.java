package io.imageupdater.credentials.cloud;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SDK loggers that print secrets below INFO: the AWS SigV4 signers log the canonical request, session token
 * header included, at DEBUG; google-http-client logs requests and responses, token bodies included, at CONFIG; the
 * JDK's {@code HttpURLConnection} (the AWS and Google clients' transport) logs request headers at FINE. They are held at
 * INFO whatever the log level, and kept referenced so that the level stays.
 */
final class SdkWireLogs {
    private final List<Logger> loggers;

    SdkWireLogs() {
        loggers = List.of(
                Logger.getLogger("software.amazon.awssdk.http.auth.aws"),
                Logger.getLogger("software.amazon.awssdk.auth.signer"),
                Logger.getLogger("com.google.api.client.http.HttpTransport"),
                Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection"));
        loggers.forEach(logger -> logger.setLevel(Level.INFO));
    }

    List<Logger> loggers() {
        return loggers;
    }
}
