package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stand-in for ACR's front: {@code POST /oauth2/exchange} (grant {@code access_token}) turns an Entra ID token the
 * {@link AzureStandIn} issued into an ACR refresh token, as ACR's authentication reference describes; every other
 * request is forwarded to a real {@link TestRegistry}, which checks the refresh token as the all-zero user's
 * password.
 */
public final class AcrFront extends CloudStandIn {
    private final URI upstream;
    private final String service;
    private final Supplier<String> acceptedAccessToken;
    private final HttpClient http = HttpClient.newHttpClient();

    private AcrFront(URI upstream, String service, Supplier<String> acceptedAccessToken) {
        super(http());
        this.upstream = upstream;
        this.service = service;
        this.acceptedAccessToken = acceptedAccessToken;
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param service             the registry's name the exchange expects ({@code myregistry.azurecr.io})
     * @param acceptedAccessToken the Entra ID token the exchange accepts
     */
    public static AcrFront start(URI upstream, String service, Supplier<String> acceptedAccessToken) {
        return new AcrFront(upstream, service, acceptedAccessToken);
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/oauth2/exchange")) {
            Map<String, String> form = form(exchange);
            if (isFailing()) {
                answer(exchange, 500, "application/json", "{}");
                return;
            }
            if (!"access_token".equals(form.get("grant_type"))
                    || !service.equals(form.get("service"))
                    || !acceptedAccessToken.get().equals(form.get("access_token"))) {
                answer(exchange, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            answer(exchange, 200, "application/json", "{\"refresh_token\":\"" + nextToken() + "\"}");
            return;
        }
        forward(exchange);
    }

    private void forward(HttpExchange exchange) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String header : new String[] {"Authorization", "Accept"}) {
            for (String value : exchange.getRequestHeaders().getOrDefault(header, java.util.List.of())) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean head = exchange.getRequestMethod().equals("HEAD");
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
        }
    }
}
