package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.credentials.Credentials;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers one registry's authentication challenges: {@code Basic} with the credentials, {@code Bearer} with a token
 * from the realm, cached per (scope, credentials) until its {@code expires_in}. Remembers the last challenge so that
 * later requests carry an Authorization header straight away.
 */
final class Authenticator {

    private final RegistryEndpoint endpoint;
    private final RegistryApis apis;
    private final RegistryRequests requests;
    private final Clock clock;
    private final Map<TokenKey, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<URI, TokenApi> tokenApis = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;

    Authenticator(RegistryEndpoint endpoint, RegistryApis apis, RegistryRequests requests, Clock clock) {
        this.endpoint = endpoint;
        this.apis = apis;
        this.requests = requests;
        this.clock = clock;
    }

    /** Token scope for pulling a repository; ACR also wants the metadata and content read actions. */
    String scope(String repository) {
        String host = endpoint.apiUrl().getHost();
        boolean acr = host != null && host.toLowerCase(java.util.Locale.ROOT).endsWith(".azurecr.io");
        return "repository:" + repository + (acr ? ":pull,metadata_read,content_read" : ":pull");
    }

    /** An Authorization header from what we learned earlier, or {@code null}. */
    String known(String repository, String scope, ClientCredentials credentials) {
        AuthChallenge known = challenge;
        if (known == null) {
            return null;
        }
        if (known.isBasic()) {
            return credentials.get().map(Authenticator::basic).orElse(null);
        }
        return known.isBearer() ? token(known, repository, scope, credentials).header() : null;
    }

    /** The Authorization header answering a 401's challenge. */
    String answer(String challengeHeader, String repository, String scope, ClientCredentials credentials, String what) {
        AuthChallenge offered = AuthChallenge.parse(challengeHeader);
        if (offered == null) {
            throw requests.failed(new RegistryAuthenticationException(
                    requests.registry(), repository, 401, what, "no WWW-Authenticate challenge"));
        }
        challenge = offered;
        if (offered.isBasic()) {
            return credentials
                    .get()
                    .map(Authenticator::basic)
                    .orElseThrow(() -> requests.failed(new RegistryAuthenticationException(
                            requests.registry(),
                            repository,
                            401,
                            what,
                            "the registry requires credentials and none are configured")));
        }
        if (offered.isBearer()) {
            return token(offered, repository, scope, credentials).header();
        }
        throw requests.failed(new RegistryAuthenticationException(
                requests.registry(), repository, 401, what, "unsupported authentication scheme " + offered.scheme()));
    }

    /** Forgets the tokens obtained with these credentials (after the registry refused them). */
    void forget(ClientCredentials credentials) {
        tokens.keySet().removeIf(key -> key.credentials().equals(credentials.identity()));
    }

    private BearerToken token(AuthChallenge offered, String repository, String scope, ClientCredentials credentials) {
        TokenKey key = new TokenKey(scope, credentials.identity());
        BearerToken cached = tokens.get(key);
        if (cached != null && cached.validAt(clock.instant())) {
            return cached;
        }
        URI realm = realm(offered, repository);
        TokenApi tokenApi = tokenApis.computeIfAbsent(realm, r -> apis.token(r, endpoint));
        Optional<Credentials> creds = credentials.get();
        String authorization = creds.map(Authenticator::basic).orElse(null);
        String what = "token request to " + realm.getHost();
        Log.debugf(
                "Requesting a token for %s on %s from %s (%s)",
                scope,
                endpoint.registryHost(),
                realm.getHost(),
                creds.isPresent() ? "with credentials" : "anonymously");
        try (Response response =
                requests.send(repository, what, () -> tokenApi.token(offered.service(), scope, authorization))) {
            if (response.getStatus() != 200) {
                throw requests.failed(new RegistryAuthenticationException(
                        requests.registry(),
                        repository,
                        response.getStatus(),
                        what,
                        response.getStatus() == 401 || response.getStatus() == 403
                                ? "credentials rejected by the token service"
                                : "the token service refused"));
            }
            JsonNode body = requests.readJson(response, repository, what);
            String value = body.path("token").asText(body.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw requests.failed(new RegistryAuthenticationException(
                        requests.registry(), repository, 200, what, "the answer has no token"));
            }
            long expiresIn = body.path("expires_in").asLong(60);
            BearerToken token = new BearerToken(value, clock.instant().plusSeconds(expiresIn > 0 ? expiresIn : 60));
            tokens.put(key, token);
            return token;
        }
    }

    private URI realm(AuthChallenge offered, String repository) {
        try {
            URI realm = offered.realm() == null ? null : URI.create(offered.realm());
            if (realm != null
                    && realm.getHost() != null
                    && ("https".equals(realm.getScheme()) || "http".equals(realm.getScheme()))) {
                return realm;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw requests.failed(new RegistryAuthenticationException(
                requests.registry(), repository, 401, "listing tags", "the Bearer challenge has no usable realm"));
    }

    static String basic(Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private record TokenKey(String scope, String credentials) {}
}
