package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Microsoft Entra ID's v2.0 token endpoint ({@code POST /<tenant>/oauth2/v2.0/token}, client
 * credentials with a federated client assertion) and its OpenID and instance discovery documents, on HTTPS with a
 * self-signed certificate (MSAL requires an https authority), written from the Microsoft identity platform
 * reference. It checks the client id and that the assertion is the federated token, and records the scopes asked.
 */
public final class AzureStandIn extends CloudStandIn {
    private final String tenant;
    private final String clientId;
    private final String federatedToken;
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    private AzureStandIn(HttpsServer server, String tenant, String clientId, String federatedToken) {
        super(server);
        this.tenant = tenant;
        this.clientId = clientId;
        this.federatedToken = federatedToken;
        server.createContext("/", this::handle);
        server.start();
    }

    public static AzureStandIn start(TestCertificate certificate, String tenant, String clientId, String federated) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            return new AzureStandIn(server, tenant, clientId, federated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI url() {
        return URI.create("https://" + hostAndPort() + "/");
    }

    /** The scopes asked for, in order. */
    public List<String> scopes() {
        return List.copyOf(scopes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String base = "https://" + hostAndPort() + "/" + tenant;
        if (path.endsWith("/oauth2/v2.0/token")) {
            token(exchange, form(exchange));
        } else if (path.contains("openid-configuration")) {
            answer(exchange, 200, "application/json", """
                    {"token_endpoint":"%1$s/oauth2/v2.0/token","authorization_endpoint":"%1$s/oauth2/v2.0/authorize",\
                    "issuer":"%1$s/v2.0","jwks_uri":"%1$s/discovery/v2.0/keys"}""".formatted(base));
        } else if (path.endsWith("/discovery/instance")) {
            answer(exchange, 200, "application/json", """
                    {"tenant_discovery_endpoint":"%1$s/v2.0/.well-known/openid-configuration","api-version":"1.1",\
                    "metadata":[{"preferred_network":"%2$s","preferred_cache":"%2$s","aliases":["%2$s"]}]}""".formatted(base, hostAndPort()));
        } else {
            answer(exchange, 404, "application/json", "{}");
        }
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (isFailing()) {
            answer(exchange, 500, "application/json", "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        scopes.add(form.getOrDefault("scope", ""));
        if (!clientId.equals(form.get("client_id")) || !federatedToken.equals(form.get("client_assertion"))) {
            answer(
                    exchange,
                    401,
                    "application/json",
                    "{\"error\":\"invalid_client\",\"error_description\":\"stand-in: wrong client or assertion\"}");
            return;
        }
        answer(exchange, 200, "application/json", """
                {"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"%s"}""".formatted(nextToken()));
    }
}
