package io.imageupdater.verification;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what a policy refers to from the cluster: a cosign public key from a Secret, a trusted root JSON from a
 * ConfigMap, each from the namespace the settings name. Kept for a minute, so a cycle reads each at most once.
 * Keys are public, but messages still name only the Secret, never its content.
 */
@ApplicationScoped
public class PolicySource {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final PublicGoodRoot publicGood;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    @Inject
    public PolicySource(KubernetesClient client, PublicGoodRoot publicGood, Clock clock) {
        this.client = client;
        this.publicGood = publicGood;
        this.clock = clock;
    }

    /**
     * The policy for settings.
     *
     * @throws VerificationException naming the Secret or ConfigMap when it cannot be read or holds no usable value
     */
    public VerificationPolicy policy(
            String namespace,
            String keySecret,
            String keyName,
            KeylessIdentity identity,
            String rootConfigMap,
            String rootKey) {
        if (keySecret != null) {
            String where = "secret " + namespace + "/" + keySecret + " key " + keyName;
            String pem = read("secret", namespace, keySecret, keyName, where);
            try {
                return VerificationPolicy.ofKey(
                        PublicKeys.parse(pem, where), "secret:" + namespace + "/" + keySecret + "#" + keyName);
            } catch (IllegalArgumentException e) {
                throw new VerificationException(e.getMessage(), e);
            }
        }
        TrustedRoot root;
        String source;
        if (rootConfigMap != null) {
            String where = "configmap " + namespace + "/" + rootConfigMap + " key " + rootKey;
            try {
                root = TrustedRoot.parse(read("configmap", namespace, rootConfigMap, rootKey, where), where);
            } catch (IllegalArgumentException e) {
                throw new VerificationException(e.getMessage(), e);
            }
            source = "configmap:" + namespace + "/" + rootConfigMap + "#" + rootKey;
        } else {
            root = publicGood.root();
            source = "the public-good Sigstore instance";
        }
        return VerificationPolicy.keyless(identity, root, source);
    }

    private String read(String kind, String namespace, String name, String key, String where) {
        String cacheKey = kind + ":" + namespace + "/" + name + "#" + key;
        Instant now = clock.instant();
        Kept hit = kept.get(cacheKey);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.value();
        }
        String value;
        try {
            if (kind.equals("secret")) {
                Secret secret =
                        client.secrets().inNamespace(namespace).withName(name).get();
                if (secret == null) {
                    throw new VerificationException(where + ": the secret does not exist");
                }
                value = secretValue(secret, key);
            } else {
                ConfigMap map = client.configMaps()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                if (map == null) {
                    throw new VerificationException(where + ": the configmap does not exist");
                }
                value = map.getData() == null ? null : map.getData().get(key);
            }
        } catch (KubernetesClientException e) {
            throw new VerificationException(where + ": cannot be read (HTTP " + e.getCode() + ")", e);
        }
        if (value == null || value.isBlank()) {
            throw new VerificationException(where + ": the key is missing or empty");
        }
        kept.put(cacheKey, new Kept(value, now.plus(KEEP)));
        return value;
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key);
        }
        String data = secret.getData() == null ? null : secret.getData().get(key);
        if (data == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Kept(String value, Instant until) {}
}
