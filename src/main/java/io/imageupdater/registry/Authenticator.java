package io.imageupdater.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.credentials.Credentials;
import io.quarkus.logging.Log;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Answers one registry's authentication challenges: {@code Basic} with the credentials, {@code Bearer} with a token
 * from the realm. Tokens are cached until their {@code expires_in}, keyed by realm, service, scope, who presented
 * the credentials (namespace and reference) and the credentials they resolved to: a token is only reused for a
 * request whose credentials resolved, for the same owner, to the same secret. Remembers the last challenge so that
 * later requests carry an Authorization header straight away.
 *
 * <p>Tokens are asked for in batches: a token request names its own repository and up to {@value #TOKEN_BATCH} - 1
 * others the cycle {@linkplain #expect expects} to read, each as a {@code scope} parameter, and the token answers for
 * all of them. When a token service refuses a batch, this realm gets one request per repository from then on; when the
 * registry refuses a batched token for a repository, that repository gets a token of its own.
 */
final class Authenticator {

    private static final int MAX_TOKEN_ANSWER = 1024 * 1024;
    private static final String ANONYMOUS = "anonymous";
    /** Most repositories one token is asked for (several {@code scope} parameters, as Docker Hub accepts). */
    static final int TOKEN_BATCH = 20;
    /** Most repositories remembered for later batches; more are left to ask for their own. */
    private static final int MAX_EXPECTED = 10_000;

    private final RegistryEndpoint endpoint;
    private final RegistryRequests requests;
    private final Clock clock;
    private final Map<TokenKey, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<TokenKey, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Queue<String> expected = new LinkedBlockingQueue<>(MAX_EXPECTED);
    private final Set<String> batchedTokens = ConcurrentHashMap.newKeySet();
    private final Set<URI> unbatchable = ConcurrentHashMap.newKeySet();
    private final Set<TokenKey> singleOnly = ConcurrentHashMap.newKeySet();
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
            String what,
            String rejected) {
        if (rejected != null && rejected.startsWith("Bearer ")) {
            dropBatched(rejected.substring("Bearer ".length()), scope);
        }
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

    /** A repository this cycle will read: a later token request may ask for it too. */
    void expect(String repository) {
        AuthChallenge known = challenge;
        if (known == null || known.isBearer()) {
            expected.offer(repository);
        }
    }

    /** Whether an Authorization header carries a token that was asked for several repositories at once. */
    boolean batched(String authorization) {
        return authorization != null
                && authorization.startsWith("Bearer ")
                && batchedTokens.contains(authorization.substring("Bearer ".length()));
    }

    /** The registry refused a batched token for a scope: that scope gets a token of its own from now on. */
    private void dropBatched(String value, String scope) {
        if (!batchedTokens.contains(value)) {
            return;
        }
        tokens.entrySet().removeIf(entry -> {
            boolean drop = entry.getKey().scope().equals(scope)
                    && entry.getValue().value().equals(value);
            if (drop) {
                singleOnly.add(entry.getKey());
            }
            return drop;
        });
        Log.debugf(
                "Registry %s refused a batched token for %s; asking for one of its own",
                endpoint.registryHost(), scope);
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
        // one token request at a time per realm and requester: whoever waits finds its token in the batch just asked
        ReentrantLock lock = locks.computeIfAbsent(
                new TokenKey(realm, key.service(), "", key.owner(), key.credentials()), k -> new ReentrantLock());
        lock.lock();
        try {
            while (true) {
                BearerToken cached = tokens.get(key);
                if (cached != null && cached.validAt(clock.instant())) {
                    return cached;
                }
                List<TokenKey> batch = batch(key);
                try {
                    BearerToken token = request(realm, offered.service(), batch, repository, sent);
                    batch.forEach(each -> tokens.put(each, token));
                    return token;
                } catch (RegistryAuthenticationException e) {
                    if (batch.size() > 1 && unbatchable.add(realm)) {
                        Log.debugf(
                                "Token service %s refused a token for %d repositories; asking for one at a time",
                                realm.getHost(), batch.size());
                        continue;
                    }
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The key asked for plus up to {@value #TOKEN_BATCH} - 1 expected repositories with no valid token. */
    private List<TokenKey> batch(TokenKey key) {
        List<TokenKey> batch = new ArrayList<>(List.of(key));
        if (unbatchable.contains(key.realm()) || singleOnly.contains(key)) {
            return batch;
        }
        String next;
        while (batch.size() < TOKEN_BATCH && (next = expected.poll()) != null) {
            TokenKey other = new TokenKey(key.realm(), key.service(), scope(next), key.owner(), key.credentials());
            BearerToken cached = tokens.get(other);
            if (!batch.contains(other)
                    && !singleOnly.contains(other)
                    && (cached == null || !cached.validAt(clock.instant()))) {
                batch.add(other);
            }
        }
        return batch;
    }

    private BearerToken request(
            URI realm, String service, List<TokenKey> batch, String repository, Optional<Credentials> sent) {
        String tokenWhat = "token request to " + realm.getHost();
        List<String> scopes = batch.stream().map(TokenKey::scope).toList();
        Log.debugf(
                "Requesting a token for %s on %s from %s (%s)",
                scopes,
                endpoint.registryHost(),
                realm.getHost(),
                sent.isPresent() ? "with credentials" : "anonymously");
        HttpAnswer answer = requests.send(new RegistryRequests.Request(
                repository,
                tokenWhat,
                RegistryRequests.Method.GET,
                tokenUrl(realm, service, scopes),
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
        if (batch.size() > 1) {
            if (batchedTokens.size() > MAX_EXPECTED) {
                batchedTokens.removeIf(old -> tokens.values().stream()
                        .noneMatch(token -> token.value().equals(old)));
            }
            batchedTokens.add(value);
        }
        return new BearerToken(value, clock.instant().plusSeconds(expiresIn > 0 ? expiresIn : 60));
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
        return tokenUrl(realm, service, List.of(scope));
    }

    /** The token URL asking for every scope, one {@code scope} parameter each. */
    static URI tokenUrl(URI realm, String service, List<String> scopes) {
        StringBuilder query = new StringBuilder(realm.getRawQuery() == null ? "" : realm.getRawQuery());
        if (service != null) {
            query.append(query.isEmpty() ? "" : "&").append("service=").append(encode(service));
        }
        for (String scope : scopes) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        }
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
