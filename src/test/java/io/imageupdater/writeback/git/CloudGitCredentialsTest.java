package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.cloud.CloudGitCredentials;
import io.imageupdater.credentials.cloud.CloudIdentities;
import io.imageupdater.credentials.cloud.CloudSettings;
import io.imageupdater.testing.AwsStandIn;
import io.imageupdater.testing.AzureStandIn;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.GcpMetadataStandIn;
import io.imageupdater.testing.GitRemote;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.SmartHttpGitServer;
import io.imageupdater.testing.TestCertificate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code git:aws}, {@code git:azure} and {@code git:gcp}: the credentials come from loopback stand-ins of the clouds'
 * token services through the SDKs, and a real Git server (smart HTTP, basic auth) accepts exactly them for a clone
 * and a push. Everything logged, at every level, is scanned for the tokens.
 */
class CloudGitCredentialsTest {
    private static final String GCP_TOKEN = "ya29.gcp-git-token-never-logged";
    private static final String ENTRA_TOKEN = "entra-devops-token-never-logged";
    private static final String WEB_IDENTITY = "irsa-web-identity-never-logged";
    private static final String FEDERATED = "aks-federated-token-never-logged";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private Path dir;
    private AwsStandIn aws;
    private GcpMetadataStandIn gcp;
    private AzureStandIn entra;
    private CloudIdentities identities;
    private GitCredentialSource source;
    private GitRemote remote;
    private CapturedLog log;
    private Level rootLevel;

    @BeforeEach
    void setUp() throws Exception {
        log = CapturedLog.start();
        rootLevel = Logger.getLogger("").getLevel();
        Logger.getLogger("").setLevel(Level.ALL);
        dir = Files.createTempDirectory("cloud-git-");
        Files.writeString(dir.resolve("aws-token"), WEB_IDENTITY);
        Files.writeString(dir.resolve("azure-token"), FEDERATED);
        TestCertificate certificate = TestCertificate.create();
        aws = AwsStandIn.start(WEB_IDENTITY);
        gcp = GcpMetadataStandIn.start();
        gcp.issue(GCP_TOKEN);
        entra = AzureStandIn.start(certificate, "tenant-1", "client-1", FEDERATED);
        entra.issue(ENTRA_TOKEN);
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-central-1");
        env.put("AWS_ENDPOINT_URL_STS", aws.url().toString());
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("aws-token").toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/image-updater");
        env.put("GCE_METADATA_HOST", gcp.hostAndPort());
        env.put("AZURE_AUTHORITY_HOST", entra.url().toString());
        env.put("AZURE_FEDERATED_TOKEN_FILE", dir.resolve("azure-token").toString());
        env.put("AZURE_CLIENT_ID", "client-1");
        env.put("AZURE_TENANT_ID", "tenant-1");
        identities = new CloudIdentities(new CloudSettings(env::get, certificate.clientContext()), clock);
        source = new GitCredentialSource(null, new CloudGitCredentials(identities));
        remote = GitRemote.create(Map.of("app/kustomization.yaml", "images: []\n"));
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        Logger.getLogger("").setLevel(rootLevel);
        identities.close();
        aws.close();
        gcp.close();
        entra.close();
        remote.close();
        for (String file : List.of("aws-token", "azure-token")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        Files.deleteIfExists(dir);
        assertTrue(log.sawDebugOrTrace());
        for (String line : log.lines()) {
            for (String secret : List.of(
                    GCP_TOKEN, ENTRA_TOKEN, WEB_IDENTITY, FEDERATED, AwsStandIn.SECRET_KEY, AwsStandIn.SESSION_TOKEN)) {
                assertFalse(line.contains(secret), "a token was logged: " + line);
            }
        }
    }

    @Test
    void gitAwsSignsCodeCommitCredentialsTheServerAccepts() throws Exception {
        String username = AwsStandIn.ACCESS_KEY + "%" + AwsStandIn.SESSION_TOKEN;
        try (SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), (url, authorization) -> {
            String expected = username + ":" + expectedCodeCommitPassword(URI.create(url));
            return ("Basic " + Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.UTF_8)))
                    .equals(authorization);
        })) {
            GitCredentials credentials = source.find("aws", server.url(), "apps", "default", "argocd");
            assertEquals("git:aws", credentials.origin());
            pushThrough(server.url(), credentials);
            assertEquals(List.of("AssumeRoleWithWebIdentity"), aws.stsActions());
        }
    }

    /** The SigV4 Git password for the URL at the test's fixed time, computed here independently of the updater. */
    private static String expectedCodeCommitPassword(URI uri) {
        String timestamp = "20261128T100000";
        String canonical =
                "GIT\n" + uri.getRawPath() + "\n\nhost:" + uri.getHost() + ":" + uri.getPort() + "\n\nhost\n";
        String toSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n20261128/eu-central-1/codecommit/aws4_request\n"
                + HexFormat.of().formatHex(sha256(canonical));
        byte[] key = ("AWS4" + AwsStandIn.SECRET_KEY).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of("20261128", "eu-central-1", "codecommit", "aws4_request")) {
            key = hmac(key, part);
        }
        return timestamp + "Z" + HexFormat.of().formatHex(hmac(key, toSign));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void gitAzureUsesAnEntraIdTokenForAzureDevOps() throws Exception {
        try (SmartHttpGitServer server = SmartHttpGitServer.start(remote.repository(), "image-updater", ENTRA_TOKEN)) {
            GitCredentials credentials = source.find("azure", server.url(), "apps", "default", "argocd");
            pushThrough(server.url(), credentials);
            assertEquals(1, entra.scopes().size());
            assertTrue(entra.scopes().get(0).contains("499b84ac-1321-427f-aa17-267ca6975798/.default"));
        }
    }

    @Test
    void gitGcpUsesTheAccessTokenForSecureSourceManager() throws Exception {
        try (SmartHttpGitServer server =
                SmartHttpGitServer.start(remote.repository(), "oauth2accesstoken", GCP_TOKEN)) {
            GitCredentials credentials = source.find("gcp", server.url(), "apps", "default", "argocd");
            pushThrough(server.url(), credentials);
            pushThrough(server.url(), source.find("gcp", server.url(), "apps", "default", "argocd"));
            assertEquals(1, gcp.issued(), "the access token is cached until shortly before it expires");
        }
    }

    @Test
    void aFailingTokenServiceNamesTheCloudAndTheRepository() {
        gcp.failing(true);
        GitWriteBackException error = assertThrows(
                GitWriteBackException.class,
                () -> source.find("gcp", "https://git.example.test/acme/deploy", "apps", "default", "argocd"));
        assertTrue(
                error.getMessage().contains("GCP") && error.getMessage().contains("git.example.test/acme/deploy"),
                error.getMessage());
    }

    private void pushThrough(String url, GitCredentials credentials) throws Exception {
        var provider = new UsernamePasswordCredentialsProvider(credentials.username(), credentials.password());
        Path work = Files.createTempDirectory(dir, "work-");
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(work.toFile())
                .setBranch("main")
                .setCredentialsProvider(provider)
                .call()) {
            Path file = work.resolve("app/kustomization.yaml");
            Files.writeString(file, Files.readString(file) + "# touched " + System.nanoTime() + "\n");
            git.commit()
                    .setAll(true)
                    .setMessage("cloud credentials push")
                    .setAuthor("image-updater", "image-updater@example.test")
                    .setCommitter("image-updater", "image-updater@example.test")
                    .call();
            git.push().setCredentialsProvider(provider).call();
        }
        assertEquals("cloud credentials push", remote.log("main").get(0).getShortMessage());
        deleteTree(work);
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
