package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.credentials.Credentials;
import io.quarkus.logging.Log;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers one registry's authentication challenges: {@code Basic} with the credentials, {@code Bearer} with a token
 * from the realm. Tokens are cached until their {@code expires_in}, keyed by realm, service, scope, who presented
 * the credentials (namespace and reference) and the credentials they resolved to: a token is only reused for a
 * request whose credentials resolved, for the same owner, to the same secret. Remembers the last challenge so that
 * later requests carry an Authorization header straight away.
 */
final class Authenticator {

    private static final int MAX_TOKEN_ANSWER = 1024 * 1024;
    private static final String ANONYMOUS = "anonymous";

    private final RegistryEndpoint endpoint;
    private final RegistryRequests requests;
    private final Clock clock;
    private final Map<TokenKey, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Set<URI> withheldFrom = ConcurrentHashMap.newKeySet();
    private volatile AuthChallenge challenge;

    Authenticator(RegistryEndpoint endpoint, RegistryRequests requests, Clock clock) {
        this.endpoint = endpoint;
        this.requests = requests;
        this.clock = clock;
    }

    /** Token scope for pulling a repository; ACR also wants the metadata and content read actions. */
    String scope(String repository) {
        String host = endpoint.apiUrl().getHost();
        boolean acr = host != null && host.toLowerCase(Locale.ROOT).endsWith(".azurecr.io");
        return "repository:" + repository + (acr ? ":pull,metadata_read,content_read" : ":pull");
    }

    /**
     * An Authorization header from what we learned earlier, or {@code null}.
     *
     * @param presented who presents the credentials ({@link ClientCredentials#owner()})
     * @param resolved  what they resolved to for this request, or empty
     * @param what      what the request is for, in messages
     */
    String known(String repository, String scope, String presented, Optional<Credentials> resolved, String what) {
        AuthChallenge known = challenge;
        if (known == null) {
            return null;
        }
        if (known.isBasic()) {
            return resolved.map(Authenticator::basic).orElse(null);
        }
        return known.isBearer()
                ? token(known, repository, scope, presented, resolved, what).header()
                : null;
    }

    /** The Authorization header answering a 401's challenge. */
    String answer(
            String challengeHeader,
            String repository,
            String scope,
            String presented,
            Optional<Credentials> resolved,
            String what) {
        AuthChallenge offered = AuthChallenge.parse(challengeHeader);
        if (offered == null) {
            throw requests.failed(new RegistryAuthenticationException(
                    requests.registry(), repository, 401, what, "no WWW-Authenticate challenge"));
        }
        challenge = offered;
        if (offered.isBasic()) {
            return resolved.map(Authenticator::basic)
                    .orElseThrow(() -> requests.failed(new RegistryAuthenticationException(
                            requests.registry(),
                            repository,
                            401,
                            what,
                            "the registry requires credentials and none are configured")));
        }
        if (offered.isBearer()) {
            return token(offered, repository, scope, presented, resolved, what).header();
        }
        throw requests.failed(new RegistryAuthenticationException(
                requests.registry(), repository, 401, what, "unsupported authentication scheme " + offered.scheme()));
    }

    /** Forgets the tokens obtained with these credentials (after the registry refused them). */
    void forget(Credentials rejected) {
        tokens.keySet().removeIf(key -> rejected.equals(key.credentials()));
    }

    private BearerToken token(
            AuthChallenge offered,
            String repository,
            String scope,
            String presented,
            Optional<Credentials> resolved,
            String what) {
        URI realm = realm(offered, repository, what);
        Optional<Credentials> sent = mayReceiveCredentials(realm) ? resolved : Optional.empty();
        if (resolved.isPresent() && sent.isEmpty() && withheldFrom.add(realm)) {
            Log.warnf(
                    "Registry %s names token realm %s, another host over plain http: sending no credentials there"
                            + " (mark the registry insecure in registries.conf to allow it)",
                    endpoint.registryHost(), Origin.redact(realm));
        }
        TokenKey key = new TokenKey(
                realm, offered.service(), scope, sent.isPresent() ? presented : ANONYMOUS, sent.orElse(null));
        BearerToken cached = tokens.get(key);
        if (cached != null && cached.validAt(clock.instant())) {
            return cached;
        }
        String tokenWhat = "token request to " + realm.getHost();
        Log.debugf(
                "Requesting a token for %s on %s from %s (%s)",
                scope, endpoint.registryHost(), realm.getHost(), sent.isPresent() ? "with credentials" : "anonymously");
        HttpAnswer answer = requests.send(new RegistryRequests.Request(
                repository,
                tokenWhat,
                RegistryRequests.Method.GET,
                tokenUrl(realm, offered.service(), scope),
                "application/json",
                sent.map(Authenticator::basic).orElse(null),
                MAX_TOKEN_ANSWER));
        if (answer.status() != 200) {
            throw requests.failed(new RegistryAuthenticationException(
                    requests.registry(),
                    repository,
                    answer.status(),
                    tokenWhat,
                    answer.status() == 401 || answer.status() == 403
                            ? "credentials rejected by the token service"
                            : "the token service refused"));
        }
        JsonNode body = requests.readJson(answer, repository, tokenWhat);
        String value = body.path("token").asText(body.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw requests.failed(new RegistryAuthenticationException(
                    requests.registry(), repository, 200, tokenWhat, "the answer has no token"));
        }
        long expiresIn = body.path("expires_in").asLong(60);
        BearerToken token = new BearerToken(value, clock.instant().plusSeconds(expiresIn > 0 ? expiresIn : 60));
        tokens.put(key, token);
        return token;
    }

    /**
     * Whether Basic credentials may go to a token realm: over https, to the registry's own host, or when the registry
     * entry is {@code insecure}. A realm on another host over plain http gets none.
     */
    private boolean mayReceiveCredentials(URI realm) {
        return "https".equalsIgnoreCase(realm.getScheme())
                || endpoint.insecure()
                || realm.getHost().equalsIgnoreCase(endpoint.apiUrl().getHost());
    }

    static URI tokenUrl(URI realm, String service, String scope) {
        StringBuilder query = new StringBuilder(realm.getRawQuery() == null ? "" : realm.getRawQuery());
        if (service != null) {
            query.append(query.isEmpty() ? "" : "&").append("service=").append(encode(service));
        }
        query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        String base = realm.toString();
        int q = base.indexOf('?');
        int hash = base.indexOf('#');
        String withoutQuery = q >= 0 ? base.substring(0, q) : hash >= 0 ? base.substring(0, hash) : base;
        return URI.create(withoutQuery + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI realm(AuthChallenge offered, String repository, String what) {
        if (offered.realm() != null) {
            try {
                URI realm = URI.create(offered.realm());
                Origin.of(realm); // an absolute http(s) URL with a host, or IllegalArgumentException
                return realm;
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw requests.failed(new RegistryAuthenticationException(
                requests.registry(), repository, 401, what, "the Bearer challenge has no usable realm"));
    }

    static String basic(Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param owner       who presented the credentials: namespace and reference, or {@code anonymous}
     * @param credentials what they resolved to, or {@code null} for an anonymous token
     */
    private record TokenKey(URI realm, String service, String scope, String owner, Credentials credentials) {}
}
