package io.imageupdater.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each type reads its registry's documented sample and accepts only the secret sent the way that registry sends it. */
class PayloadFormatTest {
    private static final String SECRET = "s3cr3t-value";

    @ParameterizedTest(name = "{0}")
    @EnumSource(WebhookType.class)
    void theSampleYieldsOnePushOfTheRepositoryAndTag(WebhookType type) {
        String registry = Samples.registry(type);
        WebhookRequest request = Samples.request(type, SECRET, registry, "acme/web", "1.1.0");

        List<RegistryEvent> events = type.format().events(request);

        String digest = type == WebhookType.DOCKER_HUB || type == WebhookType.QUAY ? null : Samples.DIGEST;
        assertEquals(List.of(new RegistryEvent(registry, "acme/web", "1.1.0", digest)), events);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WebhookType.class)
    void onlyTheRightSecretAuthenticates(WebhookType type) {
        String registry = Samples.registry(type);
        assertTrue(type.format().authentic(Samples.request(type, SECRET, registry, "acme/web", "1.1.0"), SECRET));
        assertFalse(type.format().authentic(Samples.request(type, "wrong", registry, "acme/web", "1.1.0"), SECRET));
        assertFalse(type.format().authentic(Samples.request(type, null, registry, "acme/web", "1.1.0"), SECRET));
        assertFalse(
                type.format().authentic(Samples.request(type, SECRET + "x", registry, "acme/web", "1.1.0"), SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WebhookType.class)
    void aBodyThatIsNotJsonIsMalformed(WebhookType type) {
        WebhookRequest request =
                new WebhookRequest(Map.of("type", type.value()), Map.of(), "<xml/>".getBytes(StandardCharsets.UTF_8));

        assertThrows(MalformedPayloadException.class, () -> type.format().events(request));
    }

    @Test
    void aGithubSignatureOverAnotherBodyFails() {
        byte[] body = Samples.body(WebhookType.GHCR, "ghcr.io", "acme/web", "1.1.0");
        byte[] other = Samples.body(WebhookType.GHCR, "ghcr.io", "acme/web", "6.6.6");
        WebhookRequest forged = new WebhookRequest(Map.of(), Samples.headers(WebhookType.GHCR, SECRET, body), other);

        assertFalse(WebhookType.GHCR.format().authentic(forged, SECRET));
    }

    @Test
    void theGithubOwnerIsLowerCasedAsImageReferencesAre() {
        byte[] body = new String(Samples.body(WebhookType.GHCR, "ghcr.io", "acme/web", "1.1.0"), StandardCharsets.UTF_8)
                .replace("\"login\": \"acme\"", "\"login\": \"ACME\"")
                .getBytes(StandardCharsets.UTF_8);

        List<RegistryEvent> events = WebhookType.GHCR
                .format()
                .events(new WebhookRequest(Map.of(), Map.of("X-GitHub-Event", "package"), body));

        assertEquals("acme/web", events.get(0).repository());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ghcr.io|\"action\": \"published\"|\"action\": \"updated\"",
                "ghcr.io|\"package_type\": \"CONTAINER\"|\"package_type\": \"npm\"",
                "harbor|PUSH_ARTIFACT|DELETE_ARTIFACT",
                "acr|\"action\": \"push\"|\"action\": \"delete\"",
                "docker.io|\"tag\": \"1.1.0\"|\"tag\": \"\"",
                "distribution|\"action\": \"push\"|\"action\": \"pull\"",
                "gitlab|\"tag\": \"1.1.0\"|\"tag\": \"\"",
                "cloudevents|\"imageTag\": \"1.1.0\"|\"imageTag\": \"\"",
                "quay.io|\"1.1.0\"|\"\""
            })
    void payloadsAboutNoTagPushAreIgnored(String typeName, String from, String to) {
        WebhookType type = WebhookType.of(typeName).orElseThrow();
        String body = new String(
                        Samples.body(type, Samples.registry(type), "acme/web", "1.1.0"), StandardCharsets.UTF_8)
                .replace(from, to);
        if (type == WebhookType.CLOUDEVENTS) {
            body = body.replace("\"subject\": \"acme/web:1.1.0\"", "\"subject\": \"acme/web\"");
        }
        WebhookRequest request = new WebhookRequest(
                Samples.query(type, SECRET),
                Map.of("X-GitHub-Event", "package"),
                body.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(), type.format().events(request));
    }

    @Test
    void aGithubPingIsIgnored() {
        WebhookRequest ping = new WebhookRequest(
                Map.of(), Map.of("X-GitHub-Event", "ping"), "{\"zen\":\"Keep it logically awesome.\"}".getBytes());

        assertEquals(List.of(), WebhookType.GHCR.format().events(ping));
    }

    @Test
    void anUntransformedEventBridgeEcrPushIsRead() {
        String event = """
                {"version":"0","id":"13cde686-328b-6117-af20-0e5566167482","detail-type":"ECR Image Action",
                 "source":"aws.ecr","account":"123456789012","time":"2019-11-16T01:54:34Z","region":"us-west-2",
                 "resources":[],"detail":{"result":"SUCCESS","repository-name":"acme/web",
                 "image-digest":"sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234abcd",
                 "action-type":"PUSH","image-tag":"1.1.0"}}""";

        List<RegistryEvent> events = WebhookType.CLOUDEVENTS
                .format()
                .events(new WebhookRequest(Map.of(), Map.of(), event.getBytes(StandardCharsets.UTF_8)));

        assertEquals(
                "123456789012.dkr.ecr.us-west-2.amazonaws.com", events.get(0).registry());
        assertEquals("acme/web", events.get(0).repository());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "s3cr3t,s3cr3t,true",
        "Bearer s3cr3t,s3cr3t,true",
        "bearer   s3cr3t,s3cr3t,true",
        "Bearer s3cr3tx,s3cr3t,false",
        "Basic s3cr3t,s3cr3t,false",
        "'',s3cr3t,false"
    })
    void anAuthorizationHeaderCarriesTheSecretPlainOrAsBearer(String header, String secret, boolean expected) {
        assertEquals(expected, Secrets.authorization(header, secret));
    }

    @Test
    void secretNamesFollowUpstream() {
        assertEquals("--docker-webhook-secret", WebhookType.DOCKER_HUB.secretFlag());
        assertEquals("ALIYUN_ACR_WEBHOOK_SECRET", WebhookType.ALIYUN_ACR.secretVariable());
        assertEquals("webhook.distribution-secret", WebhookType.DISTRIBUTION.secretKey());
        assertEquals("webhook.ghcr-secret", WebhookType.GHCR.secretKey());
    }

    @Test
    void aRequestPrintsNoParameterValueOrHeader() {
        WebhookRequest request =
                new WebhookRequest(Map.of("secret", "s3cr3t"), Map.of("Authorization", "s3cr3t"), new byte[3]);

        assertFalse(request.toString().contains("s3cr3t"), request.toString());
    }
}
