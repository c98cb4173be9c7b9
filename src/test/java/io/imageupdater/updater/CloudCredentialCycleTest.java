package io.imageupdater.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.argocd.Annotations;
import io.imageupdater.credentials.ApplicationCredentialSources;
import io.imageupdater.credentials.CredentialSources;
import io.imageupdater.credentials.EnvCredentialResolver;
import io.imageupdater.credentials.ExtCredentialResolver;
import io.imageupdater.credentials.KubernetesCredentialResolver;
import io.imageupdater.credentials.cloud.CloudCredentialResolver;
import io.imageupdater.credentials.cloud.CloudIdentities;
import io.imageupdater.credentials.cloud.CloudSettings;
import io.imageupdater.image.ImageRef;
import io.imageupdater.metrics.UpdaterMetrics;
import io.imageupdater.registry.Registries;
import io.imageupdater.registry.RegistryClientSettings;
import io.imageupdater.registry.RegistryEndpoint;
import io.imageupdater.testing.AcrFront;
import io.imageupdater.testing.AwsStandIn;
import io.imageupdater.testing.AzureStandIn;
import io.imageupdater.testing.CapturedLog;
import io.imageupdater.testing.GcpMetadataStandIn;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.Namespaces;
import io.imageupdater.testing.TestCertificate;
import io.imageupdater.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code aws:ecr}, {@code gcp:artifact-registry}, {@code azure:acr} and {@code auto} in whole update cycles: each
 * cloud's SDK gets its token from a loopback stand-in of that cloud's token service (reached through the SDK's own
 * endpoint settings, given as {@link CloudSettings}), and a real docker-registry (htpasswd) accepts exactly the token
 * the stand-in issued. Everything logged, at every level, is scanned for the tokens.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CloudCredentialCycleTest {
    private static final String ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    private static final String GAR = "europe-west1-docker.pkg.dev";
    private static final String ACR = "myregistry.azurecr.io";
    private static final String ECR_TOKEN = "ecr-token-never-logged-1";
    private static final String STALE_ECR_TOKEN = "ecr-token-never-logged-stale";
    private static final String GCP_TOKEN = "ya29.gcp-token-never-logged";
    private static final String ENTRA_TOKEN = "entra-token-never-logged";
    private static final String WEB_IDENTITY = "irsa-web-identity-never-logged";
    private static final String FEDERATED = "aks-federated-token-never-logged";
    private static final Namespaces NAMESPACES = new Namespaces("cloud");

    private static TestRegistry ecrRegistry;
    private static TestRegistry garRegistry;
    private static TestRegistry acrRegistry;
    private static String acrRefreshToken;
    private static Path tokenDir;

    @Inject
    CycleParts parts;

    @Inject
    CycleApps apps;

    @Inject
    io.fabric8.kubernetes.client.KubernetesClient client;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private AwsStandIn aws;
    private GcpMetadataStandIn gcp;
    private AzureStandIn entra;
    private AcrFront acr;
    private CloudIdentities identities;
    private Registries registries;
    private CapturedLog log;
    private Level rootLevel;
    private String ns;

    @BeforeAll
    static void startRegistries() throws Exception {
        // the ACR refresh token is a JWT whose exp says when it lapses; short enough for bcrypt's 72 bytes
        long exp = Instant.now().plus(Duration.ofHours(3)).getEpochSecond();
        acrRefreshToken = b64url("{\"alg\":\"none\"}") + "." + b64url("{\"exp\":" + exp + "}") + ".c2ln";
        ecrRegistry = TestRegistry.startWithBasicAuth("AWS", ECR_TOKEN);
        garRegistry = TestRegistry.startWithBasicAuth("oauth2accesstoken", GCP_TOKEN);
        acrRegistry = TestRegistry.startWithBasicAuth("00000000-0000-0000-0000-000000000000", acrRefreshToken);
        for (TestRegistry registry : List.of(ecrRegistry, garRegistry, acrRegistry)) {
            registry.push("acme/web", "1.0.0");
            registry.push("acme/web", "1.4.0");
        }
        tokenDir = Files.createTempDirectory("cloud-tokens-");
        Files.writeString(tokenDir.resolve("aws-token"), WEB_IDENTITY);
        Files.writeString(tokenDir.resolve("azure-token"), FEDERATED);
    }

    @AfterAll
    static void stopRegistries() throws Exception {
        ecrRegistry.close();
        garRegistry.close();
        acrRegistry.close();
        for (String file : List.of("aws-token", "azure-token")) {
            Files.deleteIfExists(tokenDir.resolve(file));
        }
        Files.deleteIfExists(tokenDir);
    }

    @BeforeEach
    void setUp() {
        log = CapturedLog.start();
        rootLevel = Logger.getLogger("").getLevel();
        Logger.getLogger("").setLevel(Level.ALL);
        ns = NAMESPACES.next();
        TestCertificate certificate = TestCertificate.create();
        aws = AwsStandIn.start(WEB_IDENTITY);
        aws.issue(ECR_TOKEN);
        aws.expiry(() -> clock.instant().plus(Duration.ofHours(12)));
        gcp = GcpMetadataStandIn.start();
        gcp.issue(GCP_TOKEN);
        entra = AzureStandIn.start(certificate, "tenant-1", "client-1", FEDERATED);
        entra.issue(ENTRA_TOKEN);
        acr = AcrFront.start(acrRegistry.url(), ACR, () -> ENTRA_TOKEN);
        acr.issue(acrRefreshToken);
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_ECR", aws.url().toString());
        env.put("AWS_ENDPOINT_URL_STS", aws.url().toString());
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenDir.resolve("aws-token").toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/image-updater");
        env.put("GCE_METADATA_HOST", gcp.hostAndPort());
        env.put("AZURE_AUTHORITY_HOST", entra.url().toString());
        env.put("AZURE_FEDERATED_TOKEN_FILE", tokenDir.resolve("azure-token").toString());
        env.put("AZURE_CLIENT_ID", "client-1");
        env.put("AZURE_TENANT_ID", "tenant-1");
        identities = new CloudIdentities(new CloudSettings(env::get, certificate.clientContext()), clock);
        registries = new Registries(
                new UpdaterMetrics(new SimpleMeterRegistry()),
                CredentialSources.of(
                        new EnvCredentialResolver(name -> null),
                        new KubernetesCredentialResolver(client, () -> "updater"),
                        new ExtCredentialResolver(),
                        new CloudCredentialResolver(identities)),
                clock,
                RegistryClientSettings.defaults());
    }

    @AfterEach
    void tearDown() {
        log.close();
        Logger.getLogger("").setLevel(rootLevel);
        registries.close();
        identities.close();
        aws.close();
        gcp.close();
        entra.close();
        acr.close();
        List<String> secrets = new ArrayList<>(List.of(
                ECR_TOKEN,
                STALE_ECR_TOKEN,
                GCP_TOKEN,
                ENTRA_TOKEN,
                acrRefreshToken,
                WEB_IDENTITY,
                FEDERATED,
                AwsStandIn.SECRET_KEY,
                AwsStandIn.SESSION_TOKEN));
        secrets.add(b64("AWS:" + ECR_TOKEN));
        secrets.add(b64("AWS:" + ECR_TOKEN).replace("=", ""));
        assertTrue(log.sawDebugOrTrace(), "the handler saw DEBUG/TRACE records");
        for (String line : log.lines()) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a token was logged: " + line);
            }
        }
    }

    private void configure(String ecr, String gar, String acrCredentials) {
        registries.configure(List.of(
                RegistryEndpoint.of(ECR, ecrRegistry.url()).withCredentials(ecr),
                RegistryEndpoint.of(GAR, garRegistry.url()).withCredentials(gar),
                RegistryEndpoint.of(ACR, acr.url()).withCredentials(acrCredentials)));
    }

    private void app(String name, String host) {
        app(name, host, null);
    }

    private void app(String name, String host, String pullSecret) {
        String image = host + "/acme/web";
        Map<String, String> annotations = new HashMap<>(Map.of(Annotations.IMAGE_LIST, "web=" + image));
        if (pullSecret != null) {
            annotations.put(Annotations.forImage("web", "pull-secret"), pullSecret);
        }
        apps.create(CycleApps.kustomize(ns, name, annotations, image + ":1.0.0"));
    }

    @Test
    void eachCloudLogsInAndTheUpdateSucceeds() {
        configure("aws:ecr", "gcp:artifact-registry", "azure:acr");
        app("on-aws", ECR);
        app("on-gcp", GAR);
        app("on-azure", ACR);

        CycleResult result = parts.cycle(registries, clock).run(CycleApps.options(ns));

        assertEquals(List.of(ECR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "on-aws"), result.summary());
        assertEquals(List.of(GAR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "on-gcp"), result.summary());
        assertEquals(List.of(ACR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "on-azure"), result.summary());
        assertFalse(result.hasErrors(), result.summary());
        assertEquals(List.of("AssumeRoleWithWebIdentity"), aws.stsActions(), "IRSA: web identity through STS");
        assertEquals(List.of(AwsStandIn.ACCESS_KEY), aws.ecrSigners(), "ECR signed with the web identity's keys");
        assertEquals(1, entra.scopes().size());
        assertTrue(
                entra.scopes().get(0).contains("https://containerregistry.azure.net/.default"),
                entra.scopes()::toString);
        assertEquals(1, gcp.issued());
        assertEquals(1, acr.issued());
    }

    @Test
    void autoChoosesTheCloudFromTheHost() {
        configure("auto", "auto", "auto");
        app("auto-aws", ECR);
        app("auto-gcp", GAR);
        app("auto-azure", ACR);

        CycleResult result = parts.cycle(registries, clock).run(CycleApps.options(ns));

        assertFalse(result.hasErrors(), result.summary());
        assertEquals(List.of(ECR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "auto-aws"));
        assertEquals(List.of(GAR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "auto-gcp"));
        assertEquals(List.of(ACR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "auto-azure"));
    }

    @Test
    void aRoleIsAssumedFirstWhenAsked() {
        configure("aws:ecr?role=arn:aws:iam::123456789012:role/ecr-reader", "gcp:artifact-registry", "azure:acr");
        var client = registries.client(registries.endpointFor(ImageRef.parse(ECR + "/acme/web")));

        assertEquals(2, client.listTags("acme/web").size());
        assertEquals(List.of("AssumeRoleWithWebIdentity", "AssumeRole"), aws.stsActions());
        assertEquals(List.of(AwsStandIn.ROLE_KEY), aws.ecrSigners(), "ECR signed with the assumed role's keys");
    }

    @Test
    void tokensAreCachedAndAnExpiredOneIsRefreshedBeforeUse() {
        configure("aws:ecr", "gcp:artifact-registry", "azure:acr");
        var client = registries.client(registries.endpointFor(ImageRef.parse(ECR + "/acme/web")));
        client.listTags("acme/web");
        clock.advance(Duration.ofHours(11));
        client.listTags("acme/web");
        assertEquals(1, aws.issued(), "cached until shortly before its expiresAt");

        clock.advance(Duration.ofMinutes(59).plusSeconds(30)); // 30 s before expiresAt: inside the margin
        client.listTags("acme/web");

        // the registry still accepts the first token: only a refresh before use asks the token service again
        assertEquals(2, aws.issued(), "refreshed before use");
    }

    @Test
    void a401TriggersExactlyOneRefresh() {
        aws.issue(STALE_ECR_TOKEN, ECR_TOKEN); // the first token is one the registry no longer accepts
        configure("aws:ecr", "gcp:artifact-registry", "azure:acr");
        app("after-401", ECR);
        app("after-401-too", ECR);

        CycleResult result = parts.cycle(registries, clock).run(CycleApps.options(ns));

        assertFalse(result.hasErrors(), result.summary());
        assertEquals(List.of(ECR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "after-401"));
        assertEquals(2, aws.issued(), "one token, then exactly one refresh after the 401");
        assertTrue(ecrRegistry.log().contains("\" 401 "), "the stale token was rejected");
    }

    @Test
    void aFailingTokenServiceFailsOnlyThatRegistrysImages() {
        gcp.failing(true);
        configure("aws:ecr", "gcp:artifact-registry", "azure:acr");
        app("fine-aws", ECR);
        app("broken-gcp", GAR);
        app("fine-azure", ACR);

        CycleResult result = parts.cycle(registries, clock).run(CycleApps.options(ns));

        String message = CycleApps.outcome(result, ns + "/broken-gcp").message();
        assertTrue(message.contains(GAR) && message.contains("GCP"), message);
        assertNull(apps.kustomizeImages(ns, "broken-gcp"));
        assertEquals(List.of(ECR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "fine-aws"));
        assertEquals(List.of(ACR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "fine-azure"));
    }

    @Test
    void failingAwsAndAzureServicesAreNamedToo() {
        aws.failing(true);
        entra.failing(true);
        configure("aws:ecr", "gcp:artifact-registry", "azure:acr");
        app("broken-aws", ECR);
        app("broken-azure", ACR);

        CycleResult result = parts.cycle(registries, clock).run(CycleApps.options(ns));

        String onAws = CycleApps.outcome(result, ns + "/broken-aws").message();
        assertTrue(onAws.contains(ECR) && onAws.contains("AWS"), onAws);
        String onAzure = CycleApps.outcome(result, ns + "/broken-azure").message();
        assertTrue(onAzure.contains(ACR) && onAzure.contains("Azure"), onAzure);
    }

    @Test
    void aPullSecretMayNameACloudOnlyWhenApplicationCredentialSourcesAllowIt() {
        configure(null, null, null);
        registries.configure(List.of(
                RegistryEndpoint.of(ECR, ecrRegistry.url()),
                RegistryEndpoint.of(GAR, garRegistry.url()),
                RegistryEndpoint.of(ACR, acr.url())));
        app("refused", ECR, "aws:ecr");
        app("allowed", GAR, "gcp:artifact-registry");

        CycleResult result = parts.cycle(registries, clock, ApplicationCredentialSources.parse("pullsecret,secret,gcp"))
                .run(CycleApps.options(ns));

        String refused = CycleApps.outcome(result, ns + "/refused").message();
        assertTrue(refused.contains("aws:") && refused.contains("application-credential-sources"), refused);
        assertEquals(0, aws.issued(), "a refused source is never asked");
        assertEquals(List.of(GAR + "/acme/web:1.4.0"), apps.kustomizeImages(ns, "allowed"), result.summary());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
