package io.imageupdater.credentials.cloud;

import io.imageupdater.credentials.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS CodeCommit's Git credentials from AWS credentials, as {@code git-remote-codecommit} makes them: a SigV4
 * signature (service {@code codecommit}) over the request {@code GIT <path>} to the host, presented as password
 * {@code <timestamp>Z<signature>} with user {@code <access key id>[%<session token>]}.
 */
final class CodeCommitSigner {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private CodeCommitSigner() {}

    /**
     * @param host         the repository URL's host (with port when it has one)
     * @param path         the repository URL's path ({@code /v1/repos/<name>})
     * @param sessionToken the session token of temporary credentials, or {@code null}
     */
    static Credentials sign(
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            String region,
            String host,
            String path,
            Instant now) {
        String timestamp = TIMESTAMP.format(now);
        String date = timestamp.substring(0, 8);
        String canonicalRequest = "GIT\n" + path + "\n\nhost:" + host + "\n\nhost\n";
        String scope = date + "/" + region + "/codecommit/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "codecommit");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));
        String username = sessionToken == null ? accessKeyId : accessKeyId + "%" + sessionToken;
        return new Credentials(username, timestamp + "Z" + signature);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
