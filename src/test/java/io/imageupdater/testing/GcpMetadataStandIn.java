package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * A stand-in for the GCE/GKE metadata server's token endpoint
 * ({@code /computeMetadata/v1/instance/service-accounts/default/token}, which requires {@code Metadata-Flavor:
 * Google}), written from Google's metadata server reference: answers the next token with {@code expires_in}.
 */
public final class GcpMetadataStandIn extends CloudStandIn {
    private volatile long expiresIn = 3599;

    private GcpMetadataStandIn() {
        super(http());
        server.createContext("/", this::handle);
        server.start();
    }

    public static GcpMetadataStandIn start() {
        return new GcpMetadataStandIn();
    }

    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Metadata-Flavor", "Google");
        if (!"Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"))) {
            answer(exchange, 403, "text/plain", "Missing Metadata-Flavor:Google header.");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/computeMetadata/v1/universe/universe-domain")) {
            answer(exchange, 200, "application/text", "googleapis.com");
        } else if (path.equals("/computeMetadata/v1/instance/service-accounts/default/token")) {
            if (isFailing()) {
                answer(exchange, 500, "text/plain", "stand-in failure");
                return;
            }
            answer(exchange, 200, "application/json", """
                    {"access_token":"%s","expires_in":%d,"token_type":"Bearer"}""".formatted(nextToken(), expiresIn));
        } else {
            answer(exchange, 404, "text/plain", "not found");
        }
    }
}
