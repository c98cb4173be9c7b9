package io.imageupdater.credentials.cloud;

import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;

/**
 * AWS through SDK v2 with the JDK's URL connection as HTTP client: the default credential chain (IRSA web identity
 * through STS, EKS Pod Identity, environment, instance profile), optionally a role assumed on top, and ECR's
 * {@code GetAuthorizationToken} per account and region. Clients are built once per region (and role) and reused.
 */
final class AwsCloud implements AutoCloseable {

    private final CloudSettings settings;
    private final SdkHttpClient http;
    private final Map<String, AwsCredentialsProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, EcrClient> ecrClients = new ConcurrentHashMap<>();
    private final Map<String, StsClient> stsClients = new ConcurrentHashMap<>();

    AwsCloud(CloudSettings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder().build();
    }

    /** ECR's token for the registry's account and region: user {@code AWS}, the token's password half. */
    TokenSource ecr(CloudRegistry registry, String role, String what) {
        return () -> {
            EcrClient client = ecrClients.computeIfAbsent(
                    registry.region() + "|" + registry.fips() + "|" + role,
                    key -> ecrClient(registry, provider(registry.region(), role)));
            GetAuthorizationTokenResponse response;
            try {
                response = client.getAuthorizationToken(
                        request -> request.registryIds(registry.account()).build());
            } catch (SdkException e) {
                throw failure(what, "GetAuthorizationToken", e);
            }
            if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
                throw new CredentialsException(what + ": GetAuthorizationToken returned no authorization data");
            }
            AuthorizationData data = response.authorizationData().get(0);
            return new CloudToken(
                    decodeToken(data.authorizationToken(), what),
                    data.expiresAt() == null ? Instant.now().plusSeconds(3600) : data.expiresAt());
        };
    }

    /** The AWS credentials of the chain (and role) for signing elsewhere (CodeCommit). */
    AwsCredentials credentials(String region, String what) {
        try {
            return provider(region, null).resolveCredentials();
        } catch (SdkException e) {
            throw failure(what, "resolving AWS credentials", e);
        }
    }

    Optional<String> defaultRegion() {
        return settings.awsRegion();
    }

    private AwsCredentialsProvider provider(String region, String role) {
        AwsCredentialsProvider base = providers.computeIfAbsent(region + "|", key -> baseProvider(region));
        if (role == null) {
            return base;
        }
        return providers.computeIfAbsent(
                region + "|" + role,
                key -> StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(stsClient(region, base))
                        .refreshRequest(AssumeRoleRequest.builder()
                                .roleArn(role)
                                .roleSessionName(settings.awsRoleSessionName())
                                .build())
                        .build());
    }

    /**
     * Web identity (IRSA) first when its token file and role are given, through our STS client so that its endpoint
     * setting applies; then static keys from the given variables; then the SDK's default chain.
     */
    private AwsCredentialsProvider baseProvider(String region) {
        Optional<Path> tokenFile = settings.awsWebIdentityTokenFile();
        Optional<String> roleArn = settings.awsRoleArn();
        if (tokenFile.isPresent() && roleArn.isPresent()) {
            Path file = tokenFile.get();
            StsClient sts =
                    stsClient(region, software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create());
            return StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                            .roleArn(roleArn.get())
                            .roleSessionName(settings.awsRoleSessionName())
                            .webIdentityToken(read(file))
                            .build())
                    .build();
        }
        Optional<String[]> keys = settings.awsStaticKeys();
        if (keys.isPresent()) {
            String[] k = keys.get();
            return StaticCredentialsProvider.create(
                    k[2] == null
                            ? AwsBasicCredentials.create(k[0], k[1])
                            : AwsSessionCredentials.create(k[0], k[1], k[2]));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private StsClient stsClient(String region, AwsCredentialsProvider credentials) {
        return stsClients.computeIfAbsent(region + "|" + System.identityHashCode(credentials), key -> {
            var builder = StsClient.builder()
                    .httpClient(http)
                    .region(Region.of(region))
                    .credentialsProvider(credentials);
            settings.awsStsEndpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    private EcrClient ecrClient(CloudRegistry registry, AwsCredentialsProvider credentials) {
        var builder = EcrClient.builder()
                .httpClient(http)
                .region(Region.of(registry.region()))
                .credentialsProvider(credentials);
        Optional<java.net.URI> endpoint = settings.awsEcrEndpoint();
        if (endpoint.isPresent()) {
            builder.endpointOverride(endpoint.get());
        } else if (registry.fips()) {
            builder.fipsEnabled(true);
        }
        return builder.build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CredentialsException("AWS: cannot read the web identity token file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** ECR's token is base64 of {@code AWS:<password>}. */
    private static Credentials decodeToken(String token, String what) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(token == null ? "" : token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(what + ": the ECR authorization token is not base64");
        }
        return Credentials.parseUserPass(pair, what + " (ECR authorization token)");
    }

    /** What went wrong, by error code and status: SDK messages are kept out (they may echo request details). */
    static CredentialsException failure(String what, String call, SdkException e) {
        String detail;
        if (e instanceof AwsServiceException service) {
            detail = "HTTP " + service.statusCode()
                    + (service.awsErrorDetails() == null
                                    || service.awsErrorDetails().errorCode() == null
                            ? ""
                            : " " + service.awsErrorDetails().errorCode());
        } else {
            detail = e.getClass().getSimpleName()
                    + (e.getCause() == null
                            ? ""
                            : " (" + e.getCause().getClass().getSimpleName() + ")");
        }
        return new CredentialsException(what + ": " + call + " failed: " + detail);
    }

    @Override
    public void close() {
        ecrClients.values().forEach(EcrClient::close);
        stsClients.values().forEach(StsClient::close);
        providers.values().forEach(provider -> {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing
                }
            }
        });
        http.close();
    }
}
