package io.imageupdater.credentials.cloud;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Azure through Azure Identity: {@code WorkloadIdentityCredential} (AKS workload identity: {@code AZURE_CLIENT_ID},
 * {@code AZURE_TENANT_ID}, {@code AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_AUTHORITY_HOST}), then managed identity.
 * For ACR the Entra ID token is exchanged for an ACR refresh token at {@code <registry>/oauth2/exchange}, presented
 * with the all-zero user, as {@code az acr login} does.
 */
final class AzureCloud {

    static final String ACR_USER = "00000000-0000-0000-0000-000000000000";
    static final String ACR_SCOPE = "https://containerregistry.azure.net/.default";
    static final Duration ACR_DEFAULT_LIFETIME = Duration.ofHours(3);
    private static final Set<String> KNOWN_AUTHORITIES = Set.of(
            "login.microsoftonline.com",
            "login.microsoftonline.us",
            "login.chinacloudapi.cn",
            "login.microsoftonline.de");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudSettings settings;
    private final HttpClient http;
    private volatile TokenCredential credential;

    AzureCloud(CloudSettings settings) {
        this.settings = settings;
        var builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
    }

    /** An Entra ID access token for {@code scope}. */
    AccessToken entraToken(String scope, String what) {
        AccessToken token;
        try {
            token = credential().getTokenSync(new TokenRequestContext().addScopes(scope));
        } catch (RuntimeException e) {
            throw new CredentialsException(
                    what + ": cannot get an Entra ID token (" + e.getClass().getSimpleName() + status(e) + ")");
        }
        if (token == null || token.getToken() == null) {
            throw new CredentialsException(what + ": Entra ID returned no token");
        }
        return token;
    }

    /** The ACR refresh token for the registry served at {@code registryUrl} whose name is {@code service}. */
    TokenSource acr(URI registryUrl, String service, String what) {
        return () -> {
            AccessToken entra = entraToken(ACR_SCOPE, what);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "access_token");
            form.put("service", service);
            settings.azureTenantId().ifPresent(tenant -> form.put("tenant", tenant));
            form.put("access_token", entra.getToken());
            URI exchange = URI.create(registryUrl.toString().replaceAll("/+$", "") + "/oauth2/exchange");
            HttpResponse<String> response = post(exchange, form, what);
            if (response.statusCode() != 200) {
                throw new CredentialsException(
                        what + ": the token exchange at " + exchange + " answered HTTP " + response.statusCode());
            }
            String refreshToken;
            try {
                refreshToken =
                        JSON.readTree(response.body()).path("refresh_token").asText("");
            } catch (IOException e) {
                throw new CredentialsException(what + ": the token exchange at " + exchange + " answered no JSON");
            }
            if (refreshToken.isEmpty()) {
                throw new CredentialsException(
                        what + ": the token exchange at " + exchange + " answered no refresh_token");
            }
            return new CloudToken(new Credentials(ACR_USER, refreshToken), expiry(refreshToken));
        };
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, String what) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CredentialsException(what + ": cannot reach the token exchange at " + uri + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException(what + ": interrupted during the token exchange");
        }
    }

    /** The {@code exp} claim of the refresh token (a JWT), else three hours from now. */
    static Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length >= 2) {
            try {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (claims.path("exp").canConvertToLong()) {
                    return Instant.ofEpochSecond(claims.path("exp").asLong());
                }
            } catch (IOException | IllegalArgumentException e) {
                // not a JWT we can read: use the default lifetime
            }
        }
        return Instant.now().plus(ACR_DEFAULT_LIFETIME);
    }

    private TokenCredential credential() {
        TokenCredential current = credential;
        if (current == null) {
            synchronized (this) {
                if (credential == null) {
                    credential = create();
                }
                current = credential;
            }
        }
        return current;
    }

    private TokenCredential create() {
        JdkAzureHttpClient client = new JdkAzureHttpClient(settings.sslContext());
        var chain = new ChainedTokenCredentialBuilder();
        if (settings.azureFederatedTokenFile().isPresent()
                && settings.azureClientId().isPresent()
                && settings.azureTenantId().isPresent()) {
            String authority = settings.azureAuthorityHost();
            var workload = new WorkloadIdentityCredentialBuilder()
                    .tenantId(settings.azureTenantId().get())
                    .clientId(settings.azureClientId().get())
                    .tokenFilePath(settings.azureFederatedTokenFile().get())
                    .authorityHost(authority)
                    .httpClient(client);
            if (!KNOWN_AUTHORITIES.contains(URI.create(authority).getHost())) {
                workload.disableInstanceDiscovery();
            }
            chain.addLast(workload.build());
        }
        var managed = new ManagedIdentityCredentialBuilder().httpClient(client);
        settings.azureClientId().ifPresent(managed::clientId);
        chain.addLast(managed.build());
        return chain.build();
    }

    private static String status(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                        "(?:status|Status|code)[^0-9]{0,12}([1-5][0-9][0-9])")
                .matcher(message);
        return matcher.find() ? ", HTTP " + matcher.group(1) : "";
    }
}
