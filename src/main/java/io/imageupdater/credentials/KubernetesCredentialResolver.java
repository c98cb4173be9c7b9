package io.imageupdater.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Resolves {@code pullsecret:<ns>/<name>} (a {@code kubernetes.io/dockerconfigjson} Secret) and
 * {@code secret:<ns>/<name>#<field>} ({@code user:password}) through the Kubernetes API. A secret outside the
 * scope's namespace (the Application's, or the updater's own for {@code registries.conf}) is refused before any
 * read.
 */
public class KubernetesCredentialResolver implements CredentialResolver {

    static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    private static final String DOCKER_CONFIG_KEY = ".dockerconfigjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Supplier<String> ownNamespace;

    /** @param ownNamespace the updater's namespace (looked up when needed), or {@code null} when unknown */
    public KubernetesCredentialResolver(KubernetesClient client, Supplier<String> ownNamespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownNamespace = Objects.requireNonNull(ownNamespace, "ownNamespace");
    }

    @Override
    public Credentials resolve(CredentialRef ref, CredentialScope scope) {
        checkNamespace(ref, scope);
        Secret secret = read(ref);
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        return switch (ref.source()) {
            case SECRET ->
                Credentials.parseUserPass(
                        decode(data.get(ref.field()), ref, "field " + ref.field()),
                        "secret " + ref.namespace() + "/" + ref.name() + " field " + ref.field());
            case PULL_SECRET -> fromDockerConfig(secret, data, ref, scope);
            default -> throw new UnsupportedCredentialSourceException(ref);
        };
    }

    private void checkNamespace(CredentialRef ref, CredentialScope scope) {
        String allowed = scope.namespace() != null ? scope.namespace() : ownNamespace.get();
        if (allowed == null) {
            throw new CredentialsException("credential reference \"" + ref + "\" of " + scope.requester()
                    + " names a secret, but the updater's own namespace is unknown");
        }
        scope.requireNamespace(ref, allowed);
    }

    private Secret read(CredentialRef ref) {
        Secret secret;
        try {
            secret = client.secrets()
                    .inNamespace(ref.namespace())
                    .withName(ref.name())
                    .get();
        } catch (KubernetesClientException e) {
            throw new CredentialsException("cannot read secret " + ref.namespace() + "/" + ref.name() + " (reference \""
                    + ref + "\"): HTTP status " + e.getCode());
        }
        if (secret == null) {
            throw new CredentialsException(
                    "secret " + ref.namespace() + "/" + ref.name() + " (reference \"" + ref + "\") does not exist");
        }
        return secret;
    }

    private static Credentials fromDockerConfig(
            Secret secret, Map<String, String> data, CredentialRef ref, CredentialScope scope) {
        String where = "pull secret " + ref.namespace() + "/" + ref.name();
        if (!DOCKER_CONFIG_JSON.equals(secret.getType())) {
            throw new CredentialsException(
                    where + " has type " + secret.getType() + ", expected " + DOCKER_CONFIG_JSON);
        }
        JsonNode auths;
        try {
            auths = JSON.readTree(decode(data.get(DOCKER_CONFIG_KEY), ref, DOCKER_CONFIG_KEY))
                    .path("auths");
        } catch (IOException e) {
            // the parser's message may quote the content: leave it out
            throw new CredentialsException(where + " has a " + DOCKER_CONFIG_KEY + " that is not valid JSON");
        }
        JsonNode entry = DockerConfigAuths.match(auths, scope.registries());
        if (entry == null) {
            throw new CredentialsException(
                    where + " has no auths entry for registry " + String.join(" or ", scope.registries()));
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialsException(where + " has an auth value that is not base64");
            }
            return Credentials.parseUserPass(pair, where);
        }
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (username.isEmpty() || password.isEmpty()) {
            throw new CredentialsException(where + " has neither auth nor username and password for the registry");
        }
        return new Credentials(username, password);
    }

    private static String decode(String base64, CredentialRef ref, String what) {
        if (base64 == null) {
            throw new CredentialsException("secret " + ref.namespace() + "/" + ref.name() + " has no " + what);
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(
                    "secret " + ref.namespace() + "/" + ref.name() + " has a " + what + " that is not base64");
        }
    }

    /** Picks the {@code auths} entry for a registry: the longest key that is a prefix, schemes ignored. */
    static final class DockerConfigAuths {
        private DockerConfigAuths() {}

        static JsonNode match(JsonNode auths, Iterable<String> registries) {
            JsonNode best = null;
            int bestLength = -1;
            for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = normalize(field.getKey());
                for (String registry : registries) {
                    if (matches(normalize(registry), key) && key.length() > bestLength) {
                        best = field.getValue();
                        bestLength = key.length();
                    }
                }
            }
            return best;
        }

        static boolean matches(String registry, String key) {
            return !key.isEmpty()
                    && (registry.equals(key) || registry.startsWith(key + "/") || key.startsWith(registry + "/"));
        }

        static String normalize(String url) {
            String s = url.strip();
            if (s.startsWith("https://")) {
                s = s.substring(8);
            } else if (s.startsWith("http://")) {
                s = s.substring(7);
            }
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        }
    }
}
