package io.imageupdater.credentials;

import static io.imageupdater.testing.PeerVectors.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's vectors on credential references and pull-secret lookup, run against {@link CredentialRef}. */
class PeerVectorsCredentialsTest {

    static Stream<Arguments> credentialParse() {
        return PeerVectors.of("credential_parse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void credentialParse(Case c) {
        Map<String, Object> ours = new LinkedHashMap<>();
        try {
            CredentialRef ref = CredentialRef.parse(c.text("spec"));
            boolean required = Boolean.TRUE.equals(c.in("requireRegistryPrefix"));
            ours.put("valid", !required || ref.registry() != null);
            String type = ref.source().prefix().replace(":", "").toLowerCase(Locale.ROOT);
            ours.put("type", type);
            ours.put("registry", ref.registry() == null ? "" : ref.registry());
            ours.put("namespace", ref.namespace());
            ours.put("name", ref.name());
            ours.put("field", ref.source() == CredentialRef.Source.PULL_SECRET ? ".dockerconfigjson" : ref.field());
            ours.put(type.equals("env") ? "env" : "script", ref.name());
        } catch (InvalidCredentialReferenceException e) {
            ours.put("valid", false);
        }
        PeerVectors.check(c, ours);
    }

    static Stream<Arguments> credentialFetch() {
        return PeerVectors.of("credential_fetch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void credentialFetch(Case c) throws Exception {
        JsonNode config = new ObjectMapper().valueToTree(c.input().get("dockerconfigjson"));
        JsonNode entry = KubernetesCredentialResolver.DockerConfigAuths.match(
                config.path("auths"), List.of(c.text("registryAPI")));
        String[] userPass = new String(
                        Base64.getDecoder().decode(entry.path("auth").asText()), StandardCharsets.UTF_8)
                .split(":", 2);
        PeerVectors.check(c, answer("username", userPass[0], "password", userPass[1]));
    }
}
