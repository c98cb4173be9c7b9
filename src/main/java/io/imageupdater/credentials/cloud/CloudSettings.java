package io.imageupdater.credentials.cloud;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Where the clouds' token services are and who we are to them: the variables each SDK reads ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_ECR}, {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code GCE_METADATA_HOST},
 * {@code AZURE_AUTHORITY_HOST}, {@code AZURE_FEDERATED_TOKEN_FILE}, …), read through one look-up so that they can be
 * given rather than only taken from the process environment. The AWS SDK's system properties
 * ({@code aws.endpointUrlEcr}, {@code aws.region}, …) count when the variable is unset.
 *
 * @param environment looks a variable up; {@code null} when unset
 * @param sslContext  the TLS trust for the clouds' HTTPS endpoints (token services, ACR's exchange), or {@code null}
 *                    for the JDK's
 */
public record CloudSettings(Function<String, String> environment, SSLContext sslContext) {

    public static final String DEFAULT_AZURE_AUTHORITY = "https://login.microsoftonline.com/";
    public static final String DEFAULT_METADATA_HOST = "metadata.google.internal";

    public CloudSettings {
        Objects.requireNonNull(environment, "environment");
    }

    /** The process environment and system properties, the JDK's trust. */
    public static CloudSettings fromEnvironment() {
        return new CloudSettings(System::getenv, null);
    }

    /** The variable, else the system property, else {@code null}; blank counts as unset. */
    String get(String variable, String property) {
        String value = environment.apply(variable);
        if ((value == null || value.isBlank()) && property != null) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    Optional<URI> awsEcrEndpoint() {
        return Optional.ofNullable(firstOf(
                        get("AWS_ENDPOINT_URL_ECR", "aws.endpointUrlEcr"), get("AWS_ENDPOINT_URL", "aws.endpointUrl")))
                .map(URI::create);
    }

    Optional<URI> awsStsEndpoint() {
        return Optional.ofNullable(firstOf(
                        get("AWS_ENDPOINT_URL_STS", "aws.endpointUrlSts"), get("AWS_ENDPOINT_URL", "aws.endpointUrl")))
                .map(URI::create);
    }

    Optional<String> awsRegion() {
        return Optional.ofNullable(firstOf(get("AWS_REGION", "aws.region"), get("AWS_DEFAULT_REGION", null)));
    }

    Optional<Path> awsWebIdentityTokenFile() {
        return Optional.ofNullable(get("AWS_WEB_IDENTITY_TOKEN_FILE", "aws.webIdentityTokenFile"))
                .map(Path::of);
    }

    Optional<String> awsRoleArn() {
        return Optional.ofNullable(get("AWS_ROLE_ARN", "aws.roleArn"));
    }

    String awsRoleSessionName() {
        return Optional.ofNullable(get("AWS_ROLE_SESSION_NAME", "aws.roleSessionName"))
                .orElse("image-updater");
    }

    /** Static keys given as variables ({@code AWS_ACCESS_KEY_ID}, …): key id, secret, session token or null. */
    Optional<String[]> awsStaticKeys() {
        String id = get("AWS_ACCESS_KEY_ID", null);
        String secret = get("AWS_SECRET_ACCESS_KEY", null);
        if (id == null || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new String[] {id, secret, get("AWS_SESSION_TOKEN", null)});
    }

    String gceMetadataHost() {
        return Optional.ofNullable(get("GCE_METADATA_HOST", null)).orElse(DEFAULT_METADATA_HOST);
    }

    Optional<Path> googleApplicationCredentials() {
        return Optional.ofNullable(get("GOOGLE_APPLICATION_CREDENTIALS", null)).map(Path::of);
    }

    String azureAuthorityHost() {
        return Optional.ofNullable(get("AZURE_AUTHORITY_HOST", null)).orElse(DEFAULT_AZURE_AUTHORITY);
    }

    Optional<String> azureFederatedTokenFile() {
        return Optional.ofNullable(get("AZURE_FEDERATED_TOKEN_FILE", null));
    }

    Optional<String> azureClientId() {
        return Optional.ofNullable(get("AZURE_CLIENT_ID", null));
    }

    Optional<String> azureTenantId() {
        return Optional.ofNullable(get("AZURE_TENANT_ID", null));
    }

    private static String firstOf(String first, String second) {
        return first != null ? first : second;
    }
}
