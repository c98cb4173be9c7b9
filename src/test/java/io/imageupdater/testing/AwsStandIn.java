package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A stand-in for AWS STS ({@code AssumeRoleWithWebIdentity}, {@code AssumeRole}; query protocol, XML answers) and
 * ECR ({@code GetAuthorizationToken}; JSON 1.1 protocol) on one loopback port, written from the AWS API reference.
 * STS checks the web identity token; ECR records which access key signed each call (from the SigV4
 * {@code Authorization} header) and answers with {@code AWS:<next token>} expiring at {@link #expiry}.
 */
public final class AwsStandIn extends CloudStandIn {
    public static final String ACCESS_KEY = "ASIASTANDINKEY000001";
    public static final String SECRET_KEY = "stand-in-secret-access-key-never-logged";
    public static final String SESSION_TOKEN = "stand-in-session-token-never-logged";
    public static final String ROLE_KEY = "ASIASTANDINROLEKEY02";

    private final String webIdentityToken;
    private final List<String> signers = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private volatile Supplier<Instant> expiry = () -> Instant.now().plusSeconds(12 * 3600);

    private AwsStandIn(String webIdentityToken) {
        super(http());
        this.webIdentityToken = webIdentityToken;
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param webIdentityToken the token STS accepts for {@code AssumeRoleWithWebIdentity} */
    public static AwsStandIn start(String webIdentityToken) {
        return new AwsStandIn(webIdentityToken);
    }

    /** When the ECR tokens issued from now on expire. */
    public void expiry(Supplier<Instant> expiry) {
        this.expiry = expiry;
    }

    /** The access key id of each signed ECR call, in order. */
    public List<String> ecrSigners() {
        return List.copyOf(signers);
    }

    /** The STS actions called, in order. */
    public List<String> stsActions() {
        return List.copyOf(actions);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.endsWith(".GetAuthorizationToken")) {
            ecr(exchange);
        } else {
            sts(exchange, form(exchange));
        }
    }

    private void ecr(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String signer = authorization == null || !authorization.contains("Credential=")
                ? "unsigned"
                : authorization.substring(authorization.indexOf("Credential=") + 11, authorization.indexOf('/'));
        signers.add(signer);
        if (isFailing()) {
            answer(
                    exchange,
                    500,
                    "application/x-amz-json-1.1",
                    "{\"__type\":\"ServerException\",\"message\":\"stand-in failure\"}");
            return;
        }
        String token = Base64.getEncoder().encodeToString(("AWS:" + nextToken()).getBytes(StandardCharsets.UTF_8));
        long expiresAt = expiry.get().getEpochSecond();
        answer(exchange, 200, "application/x-amz-json-1.1", """
                {"authorizationData":[{"authorizationToken":"%s","expiresAt":%d,\
                "proxyEndpoint":"https://123456789012.dkr.ecr.us-east-1.amazonaws.com"}]}""".formatted(token, expiresAt));
    }

    private void sts(HttpExchange exchange, Map<String, String> form) throws IOException {
        String action = form.getOrDefault("Action", "");
        actions.add(action);
        String expiration = Instant.now().plusSeconds(3600).toString();
        switch (action) {
            case "AssumeRoleWithWebIdentity" -> {
                if (!webIdentityToken.equals(form.get("WebIdentityToken"))) {
                    answer(exchange, 400, "text/xml", stsError("InvalidIdentityToken"));
                    return;
                }
                answer(exchange, 200, "text/xml", credentials(action, ACCESS_KEY, expiration));
            }
            case "AssumeRole" -> answer(exchange, 200, "text/xml", credentials(action, ROLE_KEY, expiration));
            default -> answer(exchange, 400, "text/xml", stsError("InvalidAction"));
        }
    }

    private static String credentials(String action, String keyId, String expiration) {
        return """
                <%1$sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <%1$sResult>
                    <Credentials>
                      <AccessKeyId>%2$s</AccessKeyId>
                      <SecretAccessKey>%3$s</SecretAccessKey>
                      <SessionToken>%4$s</SessionToken>
                      <Expiration>%5$s</Expiration>
                    </Credentials>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROASTANDIN:image-updater</AssumedRoleId>
                      <Arn>arn:aws:sts::123456789012:assumed-role/standin/image-updater</Arn>
                    </AssumedRoleUser>
                  </%1$sResult>
                  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata>
                </%1$sResponse>""".formatted(action, keyId, SECRET_KEY, SESSION_TOKEN, expiration);
    }

    private static String stsError(String code) {
        return """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>stand-in refused</Message></Error>
                  <RequestId>00000000-0000-0000-0000-000000000002</RequestId>
                </ErrorResponse>""".formatted(code);
    }
}
