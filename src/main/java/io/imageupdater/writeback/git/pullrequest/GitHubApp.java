package io.imageupdater.writeback.git.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageupdater.writeback.git.GitCredentials;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub App authentication: a JWT (RS256, signed with the JDK) naming the App, exchanged for an installation access
 * token ({@code POST /app/installations/{id}/access_tokens}); the installation is looked up from the repository
 * ({@code GET /repos/{owner}/{repo}/installation}) when the Secret has no {@code githubAppInstallationID}. Tokens
 * are cached until five minutes before they expire, keyed by API, App, installation and key.
 */
final class GitHubApp {
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final HttpClient client;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    GitHubApp(HttpClient client, Clock clock, Duration timeout) {
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
    }

    private record Token(String value, Instant expires) {}

    /** An installation token for the repository, from the App fields of the credentials. */
    String installationToken(String api, ForgeRepository repository, GitCredentials credentials) {
        String appId = credentials.field("githubAppID");
        if (appId == null) {
            throw new ForgeApiException(
                    "github App credentials in " + credentials.origin() + " for " + repository + " have no githubAppID",
                    0);
        }
        String installation = credentials.field("githubAppInstallationID");
        String key = api + "|" + appId + "|" + (installation == null ? repository.path() : installation) + "|"
                + credentials.field("githubAppPrivateKey").hashCode();
        Token cached = tokens.get(key);
        if (cached != null && clock.instant().plus(REFRESH_BEFORE).isBefore(cached.expires())) {
            return cached.value();
        }
        String jwt = jwt(appId, privateKey(credentials), clock.instant());
        ForgeHttp http = new ForgeHttp(
                client,
                "github",
                repository.toString(),
                api,
                Map.of("Authorization", "Bearer " + jwt, "Accept", "application/vnd.github+json"),
                List.of(jwt),
                timeout);
        if (installation == null) {
            installation = http.get("/repos/" + ForgeHttp.encode(repository.owner()) + "/"
                            + ForgeHttp.encode(repository.name()) + "/installation")
                    .path("id")
                    .asText();
        }
        JsonNode answer =
                http.post("/app/installations/" + ForgeHttp.encode(installation) + "/access_tokens", Map.of());
        String token = answer.path("token").asText("");
        if (token.isEmpty()) {
            throw new ForgeApiException(
                    "github API for " + repository + ": the installation access token answer has no token", 0);
        }
        Instant expires = Optional.ofNullable(answer.path("expires_at").textValue())
                .map(Instant::parse)
                .orElse(clock.instant().plus(Duration.ofMinutes(55)));
        tokens.put(key, new Token(token, expires));
        return token;
    }

    /** A JWT for the App: issued a minute ago (clock drift), valid nine minutes, RS256. */
    static String jwt(String appId, PrivateKey key, Instant now) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(
                ("{\"iat\":" + (now.getEpochSecond() - 60) + ",\"exp\":" + (now.getEpochSecond() + 540) + ",\"iss\":\""
                                + appId.strip().replace("\"", "") + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + url.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot sign the GitHub App JWT: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The App's RSA key: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as GitHub hands it out) or PKCS#8. */
    static PrivateKey privateKey(GitCredentials credentials) {
        String pem = credentials.field("githubAppPrivateKey");
        try {
            boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ForgeApiException(
                    "the githubAppPrivateKey of " + credentials.origin() + " is not an RSA private key in PEM ("
                            + e.getClass().getSimpleName() + ")",
                    0);
        }
    }

    /** Wraps a PKCS#1 RSA key in PKCS#8: SEQUENCE { 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING key }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
